"""The reasons a run keeps for each candidate, in a compact form, and their full form.

The engine answers every criterion for every candidate (see core.evaluate). A run keeps
only what decides the verdict: the criteria not met or needing a judgement (outside any
group that is met anyway), or every criterion when the candidate is eligible. Each kept
reason is a short item — {"c": criterion id, "v": verdict, "t": text, "d": depth} — whose
label comes from the criterion when it is read; `reasons_expand` gives the full form back:
{"label", "kind", "verdict", "text", "depth", "criterion"}, as the engine answers it.
A criterion removed since the run leaves its reason without a label.
"""

import json

from guongsang.plans.engine.outcome import ELIGIBLE


def reasons_compact(reasons: list[dict], verdict: str) -> list[dict]:
    items, met_above = [], None  # the depth of the group met above, if any
    for reason in reasons:
        depth = reason["depth"]
        if met_above is not None and depth <= met_above:
            met_above = None
        if met_above is not None:
            continue
        if verdict != ELIGIBLE and reason["verdict"] == ELIGIBLE:
            met_above = depth
            continue
        item = {"c": reason.get("criterion"), "v": reason["verdict"], "d": depth}
        if reason["text"]:
            item["t"] = reason["text"]
        if reason.get("criterion") is None and reason["label"]:
            item["l"] = reason["label"]
        items.append(item)
    return items


class CompactJSON:
    """The compact reasons of each distinct `reasons` list as JSON text, made once.

    The engine shares one list between the candidates with the same outcomes.
    """

    def __init__(self):
        self.memo: dict = {}

    def __call__(self, reasons: list[dict], verdict: str) -> str:
        key = (id(reasons), verdict)
        found = self.memo.get(key)
        if found is None:
            text = json.dumps(reasons_compact(reasons, verdict), ensure_ascii=False,
                              separators=(",", ":"))  # fmt: skip
            found = self.memo[key] = (text, reasons)  # keeps the list alive: ids stay unique
        return found[0]


def reasons_expand(items: list[dict], labels: dict) -> list[dict]:
    """The full reasons from stored items; labels: {criterion id: (label, kind)}.

    Results stored before reasons were compact are already full: returned as they are.
    """
    full = []
    for item in items or ():
        if "verdict" in item:
            full.append(item)
            continue
        label, kind = labels.get(item.get("c"), (item.get("l", ""), ""))
        full.append({"label": label, "kind": kind, "verdict": item["v"], "text": item.get("t", ""),
                     "depth": item.get("d", 0), "criterion": item.get("c")})  # fmt: skip
    return full
