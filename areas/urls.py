from django.urls import path

from . import population_views, views

app_name = "areas"

urlpatterns = [
    path("groups/", views.residential_group_list_view, name="groups"),
    path("population/", population_views.population_view, name="population"),
    path(
        "population/template.xlsx",
        population_views.population_template_view,
        name="population_template",
    ),
]
