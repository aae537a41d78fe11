"""Exercise 13 · Tell the staff when an order is cancelled.

`orders.services.change_status` sends `order_status_changed` whenever an
order's status really changes (arguments: `order`, `old_status`,
`new_status`, `changed_by`; see orders/signals.py). Connect a receiver here
that, when an order becomes cancelled, emails every address in
`settings.STAFF_EMAILS` with the subject

    Order <reference> cancelled

(for example "Order ORD-00007 cancelled") and, in the body, the status it had
before ("It was paid."). No email for any other change. Send only once the
change commits.

Check it:  python manage.py exercises check 13
"""

# Write your receiver below.
