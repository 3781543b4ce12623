"""What pages share: template tags, form fields and widgets, step views, pagination,
documents (ND 30/2020 PDFs) and spreadsheets. Builds on vn; knows no app's models."""
