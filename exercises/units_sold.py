"""Exercise 14 · Count units sold without losing updates.

`Product.units_sold` starts at 0 and nothing in the site keeps it yet. Connect
a receiver to `order_placed` (orders/signals.py) that adds each line's
quantity to its product's `units_sold`.

Two orders can be placed at the same moment, so do it the way the orders app
keeps `stock` and `order_count`: let the database do the addition with an
`F()` expression in a queryset `update()`, and touch no other column. Loading
the product, adding, and calling `save()` would lose one of the two.

Check it:  python manage.py exercises check 14
"""

# Write your receiver below.
