"""The areas' pages: residential groups, and the population totals of a ward and its groups."""
