"""The poverty review: standards as data, the classification rules, review rounds with their
assessments, village meetings, public posting and the ward chair's decision, and the
movements table (di biến động) of any area and period."""
