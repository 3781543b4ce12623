"""The household register: households, their members and their dated statuses (the
classification in force on any day), with every change kept in their history."""
