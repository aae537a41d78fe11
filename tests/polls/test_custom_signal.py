"""How the polls app defines, connects and loads its signal, and the old ways that fail."""

import weakref

import pytest
from django.apps import apps
from django.dispatch import Signal

from polls.apps import PollsConfig
from polls.signals import greet_new_user, tally_vote, vote_cast


# --8<-- [start:providing_args]
def test_providing_args_is_gone():
    # Many tutorials still write this. Django 3.1 deprecated it; 4.0 removed it.
    with pytest.raises(TypeError):
        Signal(providing_args=["question", "choice"])


# --8<-- [end:providing_args]


# --8<-- [start:app_config]
def test_the_app_config_is_found_without_default_app_config():
    # Django 3.2+ picks the only AppConfig subclass in apps.py by itself, and 4.1
    # dropped `default_app_config` altogether: the line is dead weight.
    assert type(apps.get_app_config("polls")) is PollsConfig


# --8<-- [end:app_config]


def test_ready_connected_the_receivers_once():
    from django.db.models.signals import post_save

    def connected(signal, function):
        return sum(1 for _, ref, *_ in signal.receivers if _resolve(ref) is function)

    assert connected(vote_cast, tally_vote) == 1
    assert connected(post_save, greet_new_user) == 1


def test_running_ready_again_connects_nothing_twice():
    before = len(vote_cast.receivers)
    apps.get_app_config("polls").ready()  # as a second import of the module would
    assert len(vote_cast.receivers) == before


def _resolve(ref):
    return ref() if isinstance(ref, weakref.ReferenceType) else ref
