from django.urls import path

from nidaa.directory import views

app_name = "directory"
urlpatterns = [
    path("territories/", views.territories, name="territories"),
    path("territories/<str:code>/", views.territory, name="territory"),
]
