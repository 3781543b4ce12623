"""The review's pages: rounds and their steps, the movements table."""
