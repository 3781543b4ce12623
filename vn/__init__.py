"""Vietnamese values, the ground floor every app builds on: names and their search keys,
money and numbers as Vietnamese writes them, dates, months, ages and working days.

Pure Python: nothing here imports the project or Django.
"""
