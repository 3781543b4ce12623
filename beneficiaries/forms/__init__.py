"""Forms of the case pages: they validate and convert, the services write. The case list
and a new application (cases.py), the steps of a case (steps.py), their shared fields."""
