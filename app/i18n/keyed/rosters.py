"""Sentences about reading a roster: the file, its rows and their cells (ID numbers, phones, amounts)."""

from app.i18n.catalogue import keyed as K

K("id.missing", "缺少身份证号")
K("id.old15", "是15位旧身份证号，请换成18位身份证号")
K("id.length", "身份证号应为18位，这里是{length}位")
K("id.chars", "身份证号只能是17位数字加1位数字或X")
K("id.birth_date", "身份证号中的出生日期{date}不是真实日期")
K("id.excel_number", "身份证号被Excel存成了数字，后几位已丢失：请把该列设为“文本”后重新录入")
K("id.check_digit", "身份证号校验位错误（可能有数字录错）")
K("roster.unreadable", "无法读取文件“{file}”：{detail}")
K("roster.missing", "没有文件“{file}”，请检查文件名和文件夹")
K("roster.unsupported", "不支持的文件类型“{file}”：请使用 .csv、.xlsx 或 .xls 文件")
K("roster.encoding", "无法识别文件“{file}”的编码（不是UTF-8，也不是GBK/GB18030）")
K("roster.empty", "文件“{file}”中没有数据")
K(
    "roster.not_spreadsheet",
    "文件“{file}”打不开：它已损坏，或并不是 Excel/WPS 表格。请用 Excel 或 WPS 打开确认，另存为 .xlsx 后再导入（{detail}）",
)
K(
    "roster.xml_2003",
    "文件“{file}”是 Excel 2003 的 XML 表格，无法直接读取：请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入",
)
K(
    "roster.too_big",
    "文件“{file}”有 {size_mb} MB，超过名单文件的上限 {limit_mb} MB：请确认选对了文件，或按单位拆分后分别导入",
)
K("roster.no_header", "找不到表头行：需要{missing}等列（可用 --map 列名=字段 指定）")
K(
    "roster.missing_columns",
    "找不到必需的列：{missing}。文件中的列有：{found}（可用 --map 列名=字段 指定）",
)
K("roster.bad_map", "列映射“{pair}”无效，应写成 列名=字段，字段可为：{fields}")
K("row.name_missing", "缺少姓名")
K("row.name_invalid", "姓名不像人名（含数字或超过30个字）")
K(
    "row.name_control",
    "姓名中有看不见的控制字符（{chars}），显示出来的不是存下的姓名：请重新输入姓名",
)
K("row.sex_mismatch", "性别与身份证号不符（身份证号显示为{sex}）")
K("row.size_invalid", "家庭人口应为1到{max}之间的整数")
K("row.yes_no_invalid", "应填“是”或“否”")
K(
    "row.unknown_category",
    "慰问类别“{label}”在本活动中未设置（第{rows}行，共{n}行），这些户导入后暂未分类；用 category add 添加此类别后自动归类（已设置：{known}）",
)
K("row.duplicate_in_file", "与本文件第{first_row}行是同一人（身份证号相同），只保留第{first_row}行")
K("row.duplicate_in_store", "此人已由“{unit}”报送（{file} 第{first_row}行），不重复导入")
K("phone.invalid", "电话号码“{value}”不是有效的手机号或座机号")
K("money.missing", "缺少金额")
K("money.invalid", "金额“{value}”无法识别")
K("money.negative", "金额“{value}”不能为负数")
K("money.precision", "金额“{value}”精确到分即可，最多两位小数")
K(
    "roster.cell_too_long",
    "文件“{file}”第{row}行有一个单元格超过{limit}个字符（Excel 单元格的上限），不是名单的内容，请检查文件",
)
K("roster.csv_error", "文件“{file}”第{row}行无法按CSV读取：{detail}")
K(
    "roster.inflates",
    "文件“{file}”解压后有{size_mb} MB，超过名单可能的大小（上限{limit_mb} MB），可能已损坏或被改动，已拒绝",
)
K(
    "roster.far_cell",
    "文件“{file}”的工作表用到了 {cell}（单元格或行号），远超名单需要的范围：请删除多余的行和列后另存再导入",
)
K(
    "roster.too_wide",
    "文件“{file}”第{row}行有{columns}列，超过 Excel 的{limit}列，不是名单，请检查文件",
)
K(
    "roster.column_twice",
    "表头有几列都对应“{field}”（{columns}），无法确定该用哪一列：请删除或改名多余的列后再导入",
)
