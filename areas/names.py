# Temporary: the lead removes this once households/ and beneficiaries/ import vn.names.
from vn.names import clean_name, search_key, user_display_name

__all__ = ["clean_name", "search_key", "user_display_name"]
