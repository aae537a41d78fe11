"""Read the "What just fired" block of a page, as the tests see it."""

import re
from dataclasses import dataclass, field

ROW = re.compile(r'data-(signal|sender|receiver)="([^"]*)"')


@dataclass
class Block:
    html: str
    sends: list = field(default_factory=list)  # (signal, sender, [receivers])

    def fired(self, signal, receiver=None, sender=None):
        """Whether `signal` was sent (by `sender`) and called `receiver`."""
        return any(
            name == signal
            and (sender is None or sender == by)
            and (receiver is None or receiver in receivers)
            for name, by, receivers in self.sends
        )

    def signals(self):
        return [name for name, _, _ in self.sends]


def trace_block(html):
    """The page's trace block, or None when it shows none."""
    start = html.find('<details class="signals-trace"')
    if start < 0:
        return None
    end = html.find("</main>", start)
    html = html[start:end]
    block = Block(html)
    for kind, value in ROW.findall(html):
        if kind == "signal":
            block.sends.append([value, None, []])
        elif kind == "sender":
            block.sends[-1][1] = value
        else:
            block.sends[-1][2].append(value)
    return block


def act(client, url, data=None, expect=302):
    """POST like the page's form, follow the redirect, and return the landing page's block."""
    response = client.post(url, data or {})
    assert response.status_code == expect, response.content.decode()[:2000]
    if expect != 302:
        return trace_block(response.content.decode())
    assert trace_block(response.content.decode()) is None  # a redirect has no page
    landing = client.get(response["Location"])
    assert landing.status_code == 200
    return trace_block(landing.content.decode())
