"""Administrative units (province > ward > residential group), their population figures,
and users' roles and the scope of what each may see."""
