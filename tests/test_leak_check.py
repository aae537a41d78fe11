"""The autouse leak check in conftest.py notices a receiver a test leaves behind."""

from django.db.models.signals import post_save

from tests.conftest import _connected


def test_the_leak_check_sees_a_new_receiver(all_signals):
    def forgotten(sender, **kwargs):
        pass

    before = _connected(all_signals)
    post_save.connect(forgotten)
    try:
        added = set(_connected(all_signals)) - set(before)
        assert [_connected(all_signals)[key][1] for key in added] == [forgotten]
    finally:
        post_save.disconnect(forgotten)
    assert set(_connected(all_signals)) == set(before)
