"""Social assistance (bảo trợ xã hội): the categories, rates and time limits as dated data,
the cases of protected persons from application to termination with their events, notes
and referrals, the worklists of a ward and the documents the ward issues."""
