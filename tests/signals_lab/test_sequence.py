"""The SVG sequence renderer, and the timeline's labels, on made-up diagrams."""

from xml.etree import ElementTree

import pytest

from signals_lab.sequence import Diagram, Group, Message, Note, Participant, render_svg
from signals_lab.timeline import short, sql_label

SVG = "{http://www.w3.org/2000/svg}"


def diagram(*steps, title='A <small> & "quoted" diagram'):
    return Diagram(
        title,
        [Participant("a", "caller"), Participant("b", "receivers"), Participant("c", "db")],
        list(steps),
    )


def texts(svg):
    return ["".join(node.itertext()) for node in ElementTree.fromstring(svg).iter(f"{SVG}text")]


def test_the_same_diagram_gives_the_same_bytes():
    steps = [Message("a", "b", "post_save.send()"), Note(("b",), "a note")]
    assert render_svg(diagram(*steps)) == render_svg(diagram(*steps))


def test_labels_are_escaped_and_the_document_is_well_formed():
    svg = render_svg(diagram(Message("a", "c", "x < y & z"), Note(("a", "c"), "<b>not bold</b>")))
    assert "x < y & z" in texts(svg) and "<b>not bold</b>" in texts(svg)
    assert 'aria-label="A &lt;small&gt; &amp; &quot;quoted&quot; diagram"' in svg


def test_it_needs_nothing_from_outside():
    svg = render_svg(diagram(Message("a", "b", "hello")))
    assert "<script" not in svg and "@import" not in svg and "href" not in svg
    assert svg.count("http") == 1, "only the SVG namespace"


def test_every_participant_is_drawn_at_the_top_and_the_bottom():
    svg = render_svg(diagram())
    assert texts(svg).count("receivers") == 2


def test_a_long_label_widens_the_gap_it_spans():
    narrow = ElementTree.fromstring(render_svg(diagram(Message("a", "b", "x"))))
    wide = ElementTree.fromstring(render_svg(diagram(Message("a", "b", "x" * 120))))
    assert int(wide.get("width")) > int(narrow.get("width")) + 600


def test_groups_nest_self_messages_and_replies():
    svg = render_svg(
        diagram(
            Group("outer", [Group("inner", [Message("b", "b", "receiver (sync)")])]),
            Message("c", "a", "done", reply=True),
        )
    )
    assert {"outer", "inner", "receiver (sync)", "done"} <= set(texts(svg))
    assert svg.count('stroke-dasharray="5 3"') == 1, "one dashed reply"


def test_multiline_labels_become_lines():
    svg = render_svg(diagram(Message("a", "c", "INSERT x\n(autocommit)")))
    assert "INSERT x" in svg and "(autocommit)" in svg and "<tspan" in svg


def test_an_unknown_participant_is_a_clear_error():
    with pytest.raises(KeyError, match="nobody"):
        render_svg(diagram(Message("a", "nobody", "?")))


@pytest.mark.parametrize(
    "sql, label",
    [
        ('INSERT INTO "orders_order" ("a") VALUES (%s) RETURNING "id"', "INSERT orders_order"),
        ('UPDATE "orders_order" SET "reference" = %s', "UPDATE orders_order"),
        ('DELETE FROM "blog_post" WHERE id = 1', "DELETE blog_post"),
        ('SELECT "a"."id" FROM "auth_user" INNER JOIN "x" ON 1', "SELECT auth_user"),
        ('SAVEPOINT "s1_x1"', None),
    ],
)
def test_sql_is_kept_as_its_verb_and_table(sql, label):
    assert sql_label(sql) == label


def test_short_names_do_not_depend_on_the_cache_backend():
    assert short("orders.tasks.send_order_email") == "tasks.send_order_email"
    redis = "partial(django.core.cache.backends.redis.RedisCache.delete)"
    files = "partial(django.core.cache.backends.filebased.FileBasedCache.delete)"
    assert short(redis) == short(files) == "partial(cache.delete)"
    assert short("orders.tasks.T.delay_on_commit.<locals>.<lambda>") == "delay_on_commit.<lambda>"


@pytest.mark.django_db(transaction=True)
def test_a_recorded_trace_draws_with_the_same_renderer():
    from django.db import transaction

    from signals_lab import instrument
    from signals_lab.models import Note as LabNote
    from signals_lab.trace_sequence import diagram_from_trace

    instrument.install()
    try:
        with instrument.recording() as recorder, transaction.atomic():
            LabNote.objects.create(text="traced")
    finally:
        instrument.uninstall()
    svg = render_svg(diagram_from_trace(recorder.as_stats(), "A trace"), inline=True)
    assert svg.startswith("<svg") and "post_save.send() in a transaction" in texts(svg)
    assert "signals.forget_note_count (sync)" in texts(svg)
    assert "on_commit(partial(cache.delete))" in texts(svg)
    assert "partial(cache.delete): ran after commit" in texts(svg)
