"""How questions name units: the document's own unit (in full, a tail of its name, an abbreviation)
and the subordinate units its tables list. One place-name pattern serves them all."""

from __future__ import annotations

import re

from index.normalize import fold

# a place a unit's name starts with: 上海市, 普陀区, 青岚县, 某某镇
PLACE = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:省|自治区|市|自治州|州|区|县|旗|镇|乡)")


def without_place(name: str) -> str:
    """上海市普陀区财政局 → 普陀区财政局 (its first place off), when enough is left to name it."""
    place = PLACE.match(name)
    return name[place.end() :] if place and len(name) - place.end() >= 3 else name


def last_place(name: str) -> str:
    """上海市普陀区财政局 → 普陀区: the level a unit belongs to."""
    places = [m.group(0) for m in PLACE.finditer(name)]
    return places[-1] if places else ""


def abbreviates(short: str, name: str) -> bool:
    """卫健局 for 青岚县卫生健康局, 发改委 for 发展和改革委员会: the short name's characters appear in
    order in the full name, ending the same way."""
    full = name.replace("委员会", "委")
    if len(short) < 3 or short[-1] != full[-1]:
        return False
    at = -1
    for ch in short[:-1]:
        at = full.find(ch, at + 1)
        if at < 0:
            return False
    return True


def names_a_subject(org: str) -> bool:
    """综合医院, 中医医院 (2100202), 法院 are budget subjects, not other units asked about."""
    from index.catalog import load_catalog

    catalog = load_catalog()
    return any(catalog.is_subject_name(org[k:]) for k in range(len(org) - 1))


def unit_aliases(name: str) -> list[str]:
    """上海市普陀区商务委员会 → its tails (普陀区商务委员会, 商务委员会 …) and the short 商务委."""
    out = [name[k:] for k in range(len(name) - 2)]
    out += [a[: -len("委员会")] + "委" for a in out if a.endswith("委员会") and len(a) > 4]
    # 桂湖街道 for 临溪区桂湖街道办事处, 某某镇 for 某某镇人民政府
    out += [a[: -len(tail)] for a in out for tail in ("办事处", "人民政府") if a.endswith(tail) and len(a) - len(tail) >= 3]
    return sorted({a for a in out if len(a) >= 3}, key=len, reverse=True)


def unit_mentions(unit: str, department: str) -> list[str]:
    """How a question may name a subordinate unit: 云岚市第一中学, 第一中学, and without the
    department's name 云岚市教育局机关幼儿园 → 机关幼儿园 (longest first)."""
    name = fold(unit)
    out = {name, without_place(name)}
    dept = fold(department)
    if dept and name.startswith(dept) and len(name) - len(dept) >= 2:
        out.add(name[len(dept) :])
    out.discard("本级")
    return sorted(out, key=len, reverse=True)


def mentions_unit(text: str, unit: str) -> bool:
    """水文水资源勘测中心 (without its province) or its full name in the text."""
    return without_place(fold(unit)) in fold(text)


def abbreviation_in(subject: str, unit: str) -> str:
    """The longest stretch of the subject abbreviating the unit (水文中心 for 澜江省水文水资源勘测中心,
    水科院 for 水利科学研究院): it starts with one of the name's characters and ends with its last."""
    name = fold(unit)
    best = ""
    for j in range(len(subject), 2, -1):
        if subject[j - 1] != name[-1]:
            continue
        for i in range(0, j - 2):
            if abbreviates(subject[i:j], name) and j - i > len(best):
                best = subject[i:j]
    return best
