"""The app's pages: the case list and a new application, the case page and its steps,
the worklists, and the documents (decisions, the list of beneficiaries)."""
