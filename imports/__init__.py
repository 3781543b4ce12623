"""Census and review lists uploaded as .xlsx, .xls or .csv: reading the messy sheet,
matching its columns, a dry run listing every problem, and the commit in one transaction."""
