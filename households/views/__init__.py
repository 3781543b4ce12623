"""The register's pages: households and members (register), and what happens to them (events)."""
