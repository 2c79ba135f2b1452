"""Sentences for the team laptop (issue 4): signing, voiding, the cash count, the PIN.

Kept apart from app/messages.py only for size; `MESSAGES` there includes these.
"""

TEAM_MESSAGES: dict[str, dict[str, str]] = {
    "visit.revisit_past": {
        "zh": "再次走访的日期 {date} 早于本次走访",
        "en": "The revisit date {date} is before this visit",
    },
    "visit.cannot_sign": {
        "zh": "无法签名的原因“{value}”不认识，可用：{known}",
        "en": "Unknown reason for not signing “{value}”; use one of: {known}",
    },
    "visit.already_void": {"zh": "这条记录已经作废", "en": "This record is already void"},
    "sign.not_needed": {
        "zh": "本次没有发放，不需要签名",
        "en": "Nothing was handed over, so nothing is signed",
    },
    "sign.missing": {
        "zh": "还没有签名：请受助人在签名框内签名",
        "en": "Not signed yet: the recipient signs in the box",
    },
    "sign.content_changed": {
        "zh": "签名确认后内容被改动，签名已作废，请重新交受助人确认签名",
        "en": "The content changed after it was shown for signing; sign again",
    },
    "sign.not_prepared": {
        "zh": "签名必须在受助人确认界面上完成",
        "en": "Signatures are taken on the recipient screen only",
    },
    "sign.witness_only": {
        "zh": "按手印时由见证人在签名框内签名",
        "en": "With a fingerprint on paper, the witnesses sign on the pad",
    },
    "sign.witness_names": {
        "zh": "请填写每位见证人的姓名（两位见证人不能同名）",
        "en": "Give each witness's name (two different people)",
    },
    "sign.one_signer": {
        "zh": "由本人签名；代领时由代领人签名",
        "en": "The recipient signs; with a proxy, the proxy signs",
    },
    "cash.no_team": {
        "zh": "只有慰问组电脑才做日终清点",
        "en": "The end-of-day cash count is done on a team laptop",
    },
    "cash.note_needed": {
        "zh": "清点金额与应有金额相差 {difference}，请写明原因",
        "en": "The count differs from the expected amount by {difference}: give the reason",
    },
    "pin.format": {
        "zh": "组长密码是4到6位数字",
        "en": "The team PIN is 4 to 6 digits",
    },
    "pin.wrong": {"zh": "密码不对，请再试", "en": "Wrong PIN, try again"},
    "pin.not_set": {
        "zh": "还没有设置组长密码",
        "en": "No team PIN has been set yet",
    },
    "lock.minutes": {
        "zh": "自动锁屏时间是2到15分钟",
        "en": "The idle lock is 2 to 15 minutes",
    },
    "demo.laptop_exists": {
        "zh": "文件“{file}”已存在：演示组电脑要用一个新的数据库文件",
        "en": "“{file}” exists: the demo team laptop needs a new database file",
    },
    "cli.demo_laptop": {
        "zh": "演示慰问组电脑（第一慰问组）：{db}，组长密码 {pin}",
        "en": "Demo team laptop (team T1): {db}, team PIN {pin}",
    },
    "flag.slip_pending": {
        "zh": "按手印签收，纸质凭证（编号 {slip}）尚未收回中心",
        "en": "signed by fingerprint on paper: slip {slip} not yet received by the office",
    },
    "slip.not_pending": {
        "zh": "这次走访没有待收回的纸质凭证",
        "en": "This visit has no paper slip waiting",
    },
    "cli.slip_received": {
        "zh": "已登记收回纸质凭证：{name}（凭证编号 {slip}）",
        "en": "Paper slip received: {name} (slip {slip})",
    },
    "bundle.none_in_folder": {
        "zh": "在“{folder}”里没有找到分派包（.wvb 文件）",
        "en": "No assignment bundle (.wvb file) in “{folder}”",
    },
    "visit.attempted_at": {
        "zh": "走访时间“{value}”请写成 时:分，如 14:30",
        "en": "Write the time of the attempt “{value}” as hours:minutes, e.g. 14:30",
    },
    "cli.lock_minutes": {
        "zh": "慰问组窗口空闲 {minutes} 分钟后锁屏",
        "en": "The team window locks after {minutes} idle minutes",
    },
}
