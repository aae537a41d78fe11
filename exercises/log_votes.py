"""Exercise 3 · Log every vote.

The polls app sends its own signal, `vote_cast`, each time a vote is recorded
(its arguments are listed at the top of polls/signals.py). Connect a receiver
to it here that logs one line at INFO level on the logger below, like:

    vote for 'post_save' on 'Which signal fires after a model is saved?'

Rules of the house: the receiver takes `sender, **kwargs`, has a
`dispatch_uid`, and logs rather than prints.

Check it:  python manage.py exercises check 3
"""

import logging

logger = logging.getLogger("polls.activity")

# Write your receiver below.
