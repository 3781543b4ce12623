from django.urls import path

from .views import groups, population

app_name = "areas"

urlpatterns = [
    path("groups/", groups.residential_group_list_view, name="groups"),
    path("population/", population.population_view, name="population"),
    path(
        "population/template.xlsx",
        population.population_template_view,
        name="population_template",
    ),
]
