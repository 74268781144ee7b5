"""The label a reminder carries, true at the moment it is sent (pure).

A reminder's kind says when it was planned (``before-7``: seven days before the deadline),
but a day off moves a reminder earlier and a late catch-up sends it after its day. The
label shown to the office is therefore worked out from the days actually left when the
message is rendered: ``提前N天提醒`` with the real N, ``到期当日提醒`` on the day, and
``逾期督办`` once the deadline has passed, whatever the planned kind (it stays a parameter
so a template override could still tell them apart through ``kind``).
"""

from __future__ import annotations


def send_label(kind: str, days_left: int) -> str:
    """The 【…】 label for a reminder of ``kind`` sent ``days_left`` days before the
    deadline (negative: after it)."""
    del kind  # the planned kind does not decide: the days left do
    if days_left < 0:
        return "逾期督办"
    if days_left == 0:
        return "到期当日提醒"
    return f"提前{days_left}天提醒"
