from django.urls import path

from . import email_states, views

app_name = "orders"
urlpatterns = [
    path("", views.products, name="products"),
    path("new/", views.new_order, name="new"),
    path("mine/", views.my_orders, name="mine"),
    path("<int:order_id>/", views.detail, name="detail"),
    path("<int:order_id>/emails.json", email_states.email_states, name="email_states"),
    path("<int:order_id>/status/", views.set_status, name="set_status"),
    path("<int:order_id>/cancel/", views.cancel, name="cancel"),
]
