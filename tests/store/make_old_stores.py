"""Developer tool, not run by the tests: a saved store of every earlier schema version, made by
that version's own code, for ``tests/store/test_upgrade.py`` (as Electrum keeps wallet files of
every old version in ``tests/test_storage_upgrade``).

For each commit that added a migration, the script checks that commit out in a temporary git
worktree and runs that version's command line on a small campaign, as far as that version goes:
campaign, a cost, two categories, a unit deadline, three roster files (two units, one correcting
a row), a member, materials, two eligibility overrides of one household, statuses; from 0002
two teams, assignment by area and one household moved by hand; from 0003 the team's assignment
bundle started on a team laptop, a paper sheet of visits entered there, its result bundle merged
at the central office (twice), a paper visit entered at the central office, a second
assignment bundle that withdraws a household from the laptop, and a bundle of the laptop
restored from a backup kept in quarantine at the office; from 0005 the team
window opened once (it computes the pinyin keys, from 0009 also its list table); from 0006 a
draft visit saved through that version's service.

It writes, under ``tests/fixtures/stores/``:

- ``NNNN-central.db.gz`` and, from 0003, ``NNNN-team.db.gz``: the central office's and the team
  laptop's store, WAL checkpointed away and VACUUMed, gzipped (the 16 KB pages of an almost
  empty store compress ~50 to 1);
- ``NNNN.json``: what that version itself reported of each store (its ``--json`` output of
  ``campaign show``, ``category list``, ``household list``, ``team list``, ``progress`` …), the
  yardstick the upgrade test holds today's code to.

NNNN is the newest migration of that version. Run from the repository root, with the project's
Python (the old code runs on the same interpreter and packages as today's):

    .venv/bin/python tests/store/make_old_stores.py            # every version
    .venv/bin/python tests/store/make_old_stores.py 0009 0010  # some of them

A store of today's newest schema is kept too, so that the next migration is tested on old data
from its first run. When a migration is merged, add its commit to VERSIONS and run
the script for it: the upgrade test fails while a store of any schema but the newest is
missing.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "tests" / "fixtures" / "stores"

# Newest migration of the version → the commit that added it (git log -p -- app/store/schema.py).
VERSIONS = {
    "0001": "eec1b9f",  # central core: campaign, categories, roster, households
    "0002": "13f8ed9",  # teams, append-only assignment
    "0003": "ef215d9",  # events, devices, bundles, quarantine
    "0004": "51ed2d1",  # three household indexes dropped
    "0005": "d68c9d4",  # household_search (pinyin keys)
    "0006": "0f90a82",  # drafts
    "0007": "0e23d2c",  # team_credential.mac_key
    "0009": "a88a6c8",  # household_list (0008 was never written)
    "0010": "3dd174b",  # event_record index dropped
    "0011": "6fbfcb0",  # household_updated index
    "0012": "1b778c8",  # event_household index with the laptop
    "0014": "2716418",  # codes instead of words (0013) and quarantine reasons as keys (0014)
    "0015": "6ac890a",  # sex as a code, content hashes worked out again
    "0016": "26b42e9",  # budget lines as revisions, standard changes
    "0017": "99b9c4f",  # the visit plan (mode, must reach), who answered a phone visit
    "0018": "1698a72",  # transfers: bank accounts, batches, results (the transfer desk)
    "0019": "70a8fb2",  # the office's decisions: status changes, unit revisions, roster marks
    "0020": "302f539",  # signature_check: each signature's own facts
    "0021": "5cfec71",  # holds, quarantine decisions, adopted records, retired credentials
}

# --- the campaign ------------------------------------------------------------------------------

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(birth: date, serial: int) -> str:
    """A valid resident ID number of 天津滨海新区 (120116), with its check digit."""
    body = f"120116{birth:%Y%m%d}{serial:03d}"
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]
    return body + check


def _id(n: int) -> str:
    return id_number(date(1960, 3, 1) + timedelta(days=977 * n), 101 + 2 * n)


# (name, street, address, phone, household size, family monthly income, causes, category)
UNIT_A = "新港一厂工会"
UNIT_B = "泰达二厂工会"
ROSTER_A = [
    ("张建国", "新港街道", "新港街道向阳里3号", "13820000001", 3, "1900", "大病", "困难职工"),
    ("李秀英", "新港街道", "新港街道胜利里12号", "13820000002", 2, "1200", "残疾", "困难职工"),
    (
        "王德明",
        "新港街道",
        "新港街道红星里7号",
        "13820000003",
        4,
        "2600",
        "子女就学",
        "退休困难职工",
    ),
    ("赵丽", "新港街道", "新港街道光明里1号", "13820000004", 2, "900", "单亲", "困难职工"),
    ("曾国强", "新港街道", "新港街道胜利里20号", "13820000005", 3, "3000", "下岗", "退休困难职工"),
]
ROSTER_B = [
    ("陈小红", "泰达街道", "泰达街道第一大街5号", "13820000006", 3, "1500", "大病", "困难职工"),
    ("刘卫东", "泰达街道", "泰达街道第三大街9号", "13820000007", 1, "700", "残疾", "退休困难职工"),
    ("孙梅", "泰达街道", "泰达街道第五大街2号", "13820000008", 2, "1100", "灾害", "困难职工"),
]
IDS_A = [_id(n) for n in range(len(ROSTER_A))]
IDS_B = [_id(n + len(ROSTER_A)) for n in range(len(ROSTER_B))]
DECLINED = IDS_A[4]  # 曾国强: income above the line
MOVED = IDS_A[1]  # 李秀英: assigned to T1 by area, moved to T2 by hand
OVERRIDDEN = IDS_A[2]  # 王德明: two overrides, the newer one in force
WITHDRAWN = IDS_A[3]  # 赵丽: on T1's first bundle (a draft on its laptop), withdrawn by its second
ROSTER_HEADER = [
    "姓名",
    "身份证号",
    "工作单位",
    "所属街道",
    "家庭住址",
    "联系电话",
    "家庭人口",
    "家庭月收入",
    "致困原因",
    "慰问类别",
]


def _roster(path: Path, unit: str, rows: list[tuple[Any, ...]], ids: list[str]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(ROSTER_HEADER)
        for (name, street, address, phone, size, income, causes, category), number in zip(
            rows, ids, strict=True
        ):
            out.writerow(
                [
                    name,
                    number,
                    unit.removesuffix("工会"),
                    street,
                    address,
                    phone,
                    size,
                    income,
                    causes,
                    category,
                ]
            )
    return path


def _sheet(path: Path, lines: list[str]) -> Path:
    """A paper 签收表 as the team typed it up later, one line a visit."""
    header = "身份证号,姓名,日期,方式,结果,现金,物品,备注,意见建议,纸质签名,走访人"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8-sig")
    return path


# --- running an old version ----------------------------------------------------------------------


class Version:
    def __init__(self, number: str, tree: Path, work: Path) -> None:
        self.number = int(number)
        self.tree = tree
        self.work = work
        self.env = {
            **os.environ,
            "PYTHONPATH": str(tree),
            "WARMVISIT_HOME": str(work / "home"),
            "WARMVISIT_USER": "王会计",
            "WARMVISIT_LANG": "zh",
            "QT_QPA_PLATFORM": "offscreen",
        }

    def cli(self, db: Path, command: str, *, user: str | None = None, refused: bool = False) -> Any:
        """That version's command line with --json (``command`` split at spaces: no value
        here has one); its JSON answer. ``refused``: the command is to exit 1."""
        args = command.split()
        env = self.env if user is None else {**self.env, "WARMVISIT_USER": user}
        done = subprocess.run(
            [sys.executable, "-m", "app", "--db", str(db), "--json", *args],
            env=env,
            cwd=self.work,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != (1 if refused else 0):
            raise SystemExit(
                f"{self.number:04d}: {' '.join(args)} → {done.returncode}\n"
                f"{done.stdout}\n{done.stderr}"
            )
        return json.loads(done.stdout) if done.stdout.strip() else None

    def python(self, code: str) -> None:
        subprocess.run([sys.executable, "-c", code], env=self.env, cwd=self.work, check=True)


def make(number: str, commit: str, work: Path) -> dict[str, Any]:
    tree = work / "tree"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(tree), commit],
        check=True,
    )
    try:
        return _scenario(Version(number, tree, work))
    finally:
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True
        )


def _scenario(v: Version) -> dict[str, Any]:
    w = v.work
    central = w / "central.db"
    a, b, a2 = (w / "a.csv", w / "b.csv", w / "a2.csv")
    _roster(a, UNIT_A, ROSTER_A, IDS_A)
    _roster(b, UNIT_B, ROSTER_B, IDS_B)
    corrected = list(ROSTER_A)
    corrected[0] = (*corrected[0][:2], "新港街道向阳里3号2门101", *corrected[0][3:])
    _roster(a2, UNIT_A, corrected, IDS_A)
    for command in (
        "campaign init --name 2027年春节送温暖 --organizer 滨海新区总工会"
        " --start 2027-01-20 --end 2027-01-28 --min-living 780",
        "cost add --name 交通费 --amount 180",
        "category add --code A --name 困难职工 --cash 500 --goods 米面油 --goods-value 100",
        f"unit set --name {UNIT_A} --deadline 2027-01-10",
        f"roster import {a} --unit {UNIT_A}",
        f"roster import {b} --unit {UNIT_B}",
        # Added after the rosters that name it: the households join it then.
        "category add --code B --name 退休困难职工 --cash 300",
        f"roster import {a2} --unit {UNIT_A}",  # corrects one address
        f"household add-member {IDS_A[0]} --name 张小明 --relation 子女 --health 健康"
        " --school 滨海一中",
        f"household materials {IDS_A[0]} --received 身份证复印件 户口本复印件 --date 2027-01-05",
        f"household override {OVERRIDDEN} --rule 三 --reason 诊断证明待补",
    ):
        v.cli(central, command)
    v.cli(
        central,
        f"household override {OVERRIDDEN} --rule 二 --reason 子女就学，收入核实",
        user="李科长",
    )
    if v.number >= 19:
        # From 0019 statuses move one step at a time, and 确定 lists what is missing.
        for step in ("单位审核", "公示", "上报"):
            v.cli(central, f"household set-status {step} --all --reason 审核通过")
        v.cli(central, "household set-status 确定 --all --despite-missing --reason 材料后补")
    else:
        v.cli(central, "household set-status 确定 --all")
    v.cli(central, f"household set-status 不予 {DECLINED} --reason 人均收入超过标准")
    if v.number >= 2:
        v.cli(
            central,
            "team add --code T1 --name 第一慰问组 --leader 周组长 --members 吴一,郑二"
            " --area 新港街道 --phone 13900000001",
        )
        v.cli(central, "team add --code T2 --name 第二慰问组 --leader 冯组长 --area 泰达街道")
        v.cli(central, "assign --by area")
        v.cli(central, f"assign --team T2 --household {MOVED} --date 2027-01-22")
    team = w / "team.db"
    if v.number >= 3:
        _bundles(v, central, team)
    return {
        "central": _reports(v, central, (IDS_A[0], DECLINED)),
        "team": _reports(v, team, (IDS_A[0],)) if team.exists() else None,
    }


def _bundles(v: Version, central: Path, team: Path) -> None:
    w = v.work
    for folder in ("stick", "back", "stick2", "clash"):
        (w / folder).mkdir()
    sent = v.cli(central, f"bundle export --team T1 --out {w / 'stick'} --float 2000")
    start = f"bundle import {sent['file']} --credential {sent['credential']}"
    v.cli(team, start, user="周组长")
    # A copy of the laptop as it started, brought back later as if restored from a backup.
    restored = w / "restored.db"
    src, dst = sqlite3.connect(team), sqlite3.connect(restored)
    src.backup(dst)
    src.close()
    dst.close()
    if v.number >= 6:
        # What the visit form saves as it is typed (the window's own field names and values:
        # words until 0013, codes since).
        draft = {"mode": "上门", "outcome": "已慰问", "met": "本人", "cash": "500.00",
                 "notes": "家中有老人卧床"}  # fmt: skip
        if v.number >= 13:
            draft |= {"mode": "home", "outcome": "visited", "met": "self"}
        # The drafts service moved with the services' regroup (schema 0015 is the first after).
        module = "app.services.visits.drafts" if v.number >= 15 else "app.services.drafts"
        v.python(
            "from app.store.db import Store\n"
            f"from {module} import save_draft\n"
            f"s = Store({str(team)!r})\n"
            f"h = s.conn.execute('SELECT id FROM household WHERE id_number = ?', "
            f"[{WITHDRAWN!r}]).fetchone()[0]\n"
            f"save_draft(s, h, {draft!r})\n"
            "s.close()\n"
        )
    paper = _sheet(
        w / "t1.csv",
        [
            f"{IDS_A[0]},张建国,2027-01-21,上门,已慰问,500,米面油,住房漏雨,希望帮助修缮,是,周组长、吴一",
            f"{IDS_A[2]},王德明,2027-01-21,上门,不在家,,,邻居说去医院了,,,周组长",
        ],
    )
    v.cli(team, f"visits import {paper}", user="周组长")
    if v.number >= 5:
        v.cli(team, f"gui --screenshot {w / 'window.png'}", user="周组长")
    back = v.cli(team, f"bundle export --out {w / 'back'}", user="周组长")
    v.cli(central, f"bundle import {back['file']}")
    v.cli(central, f"bundle import {back['file']}")  # the same stick twice: nothing new
    office = _sheet(
        w / "t2.csv",
        [
            f"{IDS_B[0]},陈小红,2027-01-23,上门,已慰问,500,米面油,,,是,冯组长",
        ],
    )
    v.cli(central, f"visits import {office}")
    # 赵丽 moves to T2: T1's next assignment bundle withdraws her from its laptop.
    v.cli(central, f"assign --team T2 --household {WITHDRAWN}")
    again = v.cli(central, f"bundle export --team T1 --out {w / 'stick2'}")
    v.cli(team, f"bundle import {again['file']} --credential {sent['credential']}", user="周组长")
    # The restored laptop numbers its events from 1 again, with other contents: the office
    # keeps its bundle in quarantine.
    other = _sheet(w / "t3.csv", [
        f"{IDS_A[0]},张建国,2027-01-24,上门,不在家,,,,,,吴一",
    ])  # fmt: skip
    v.cli(restored, f"visits import {other}", user="吴一")
    clash = v.cli(restored, f"bundle export --out {w / 'clash'}", user="吴一")
    held = v.cli(central, f"bundle import {clash['file']}", refused=True)
    assert held["bundles"][0]["outcome"] == "quarantined", held


def _reports(v: Version, db: Path, shown: tuple[str, ...]) -> dict[str, Any]:
    """What that version says of the store, by its own --json commands."""
    reports = {
        # Less the file's place, which was a temporary folder.
        "campaign": {k: x for k, x in v.cli(db, "campaign show").items() if k != "db"},
        "categories": v.cli(db, "category list"),
        "households": v.cli(db, "household list"),
        # Corrected by a later roster, with a member and materials; declined, with its reason
        # (only at the central office: a team laptop has its team's households).
        "shown": {n: v.cli(db, f"household show {n}") for n in shown},
        "eligibility": v.cli(db, "eligibility"),
        "budget": v.cli(db, "budget"),
    }
    if v.number >= 2:
        reports["teams"] = v.cli(db, "team list")
    if v.number >= 3:
        reports["progress"] = v.cli(db, "progress")
        reports["devices"] = v.cli(db, "device list")
    return reports


# --- saving --------------------------------------------------------------------------------------


def save(db: Path, target: Path) -> int:
    """The store without its WAL, VACUUMed, gzipped; the gzipped size."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    conn.close()
    for extra in ("-wal", "-shm"):
        assert not Path(f"{db}{extra}").exists(), extra
    with db.open("rb") as src, gzip.GzipFile(target, "wb", mtime=0) as dst:
        shutil.copyfileobj(src, dst)
    return target.stat().st_size


def main(numbers: list[str]) -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for number in numbers or list(VERSIONS):
        with tempfile.TemporaryDirectory(prefix=f"old-{number}-") as tmp:
            work = Path(tmp)
            reports = make(number, VERSIONS[number], work)
            sizes = [save(work / "central.db", OUT_DIR / f"{number}-central.db.gz")]
            if reports["team"] is not None:
                sizes.append(save(work / "team.db", OUT_DIR / f"{number}-team.db.gz"))
            manifest = {"version": number, "commit": VERSIONS[number], **reports}
            (OUT_DIR / f"{number}.json").write_text(
                json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                encoding="utf-8",
            )
            print(number, VERSIONS[number], "bytes:", sizes)


if __name__ == "__main__":
    main(sys.argv[1:])
