"""The documents of the cases: the chair's draft decisions by kind (decisions/), the list
of beneficiaries by category (beneficiary_list.py) and the wording both use."""
