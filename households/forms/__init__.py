"""The register's forms: households and members (register), and the events."""
