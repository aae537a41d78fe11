"""Exercise 12 · Warn the staff when stock runs low.

The orders app sends `order_placed` once an order's lines are saved and its
stock taken (its arguments are listed at the top of orders/signals.py).
Connect a receiver here that, for each product of the order whose stock this
order took from above its `low_stock_threshold` to at or below it, emails
every address in `settings.STAFF_EMAILS` with the subject

    Low stock: <the product's name>

and the number left in the body ("2 left"). A product that was already low
before the order is not announced again. Send only once the order's
transaction commits: a rolled-back order warns nobody.

Check it:  python manage.py exercises check 12
"""

# Write your receiver below.
