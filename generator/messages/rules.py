"""Messages of content problems: one per `check` rule, in Chinese (default) and English.

Each rule has a message and, where a fix exists, a suggestion. Templates are
`str.format` strings over the problem's params; a suggestion whose params are
missing (no close match found, say) is left out rather than printed half-empty.
"""

from __future__ import annotations

SEVERITY = {
    "zh": {"error": "错误", "warning": "警告"},
    "en": {"error": "error", "warning": "warning"},
}
FIX_WRAP = {"zh": "（建议：{fix}）", "en": " (fix: {fix})"}
SUMMARY = {
    "zh": "检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告。",
    "en": "Checked {files} files: {errors} errors, {warnings} warnings.",
}

# rule: (zh message, en message, zh fix or None, en fix or None)
RULES: dict[str, tuple[str, str, str | None, str | None]] = {
    # --- the file itself
    "file-symlink": (
        "该文件是符号链接，出于安全原因不予读取",
        "the file is a symbolic link and is not read, for safety",
        "把链接换成真实文件，放在 cases/ 目录内",
        "replace the link with a real file inside cases/",
    ),
    "folder-symlink": (
        "该目录是符号链接，出于安全原因不读取其中的条目",
        "the folder is a symbolic link; its entries are not read, for safety",
        "把链接换成真实目录，放在 cases/ 目录内",
        "replace the link with a real folder inside cases/",
    ),
    "folder-unexpected": (
        "条目目录中的子目录不会被读取，其中的文件不会发布",
        "a folder inside an entry folder is not read; nothing in it is published",
        "把其中的 .md 文件直接放在 cases/showcases/、cases/figures/ 或 cases/models/ 中",
        "put its .md files directly in cases/showcases/, cases/figures/ or cases/models/",
    ),
    "file-not-regular": (
        "这不是普通文件（可能是目录、管道或设备），不予读取",
        "this is not a regular file (a folder, pipe or device) and is not read",
        "删除它，或换成普通的 .md 文件",
        "remove it or replace it with a plain .md file",
    ),
    "file-too-large": (
        "文件过大：{found} 字节，上限为 {limit} 字节",
        "the file is too large: {found} bytes, the limit is {limit}",
        "把图片等附件单独存放，正文保持精炼",
        "keep attachments out of the file and the text concise",
    ),
    "file-binary": (
        "文件含有二进制内容（NUL 字节），不是文本文件",
        "the file holds binary content (a NUL byte), not text",
        "用文本编辑器另存为 UTF-8 编码的 .md 文件",
        "save it as a UTF-8 text .md file",
    ),
    "file-encoding-utf16": (
        "文件编码是 {found}，不是 UTF-8",
        "the file is encoded as {found}, not UTF-8",
        "在编辑器中选择“另存为”，编码选 UTF-8；Windows 记事本里的“Unicode”是 UTF-16，不是 UTF-8",
        "use 'Save as' in your editor and choose UTF-8; what Windows Notepad calls 'Unicode' is UTF-16, not UTF-8",
    ),
    "file-encoding-gbk": (
        "文件编码是 GBK/GB18030（常见于 Windows 记事本），不是 UTF-8",
        "the file is encoded as GBK/GB18030 (as Windows editors save), not UTF-8",
        "在编辑器中选择“另存为”，编码选 UTF-8",
        "use 'Save as' in your editor and choose UTF-8",
    ),
    "file-encoding": (
        "文件不是有效的 UTF-8 文本（第 {found} 字节处无法解码）",
        "the file is not valid UTF-8 text (cannot decode at byte {found})",
        "在编辑器中另存为 UTF-8 编码",
        "save the file as UTF-8",
    ),
    "file-empty": (
        "文件是空的",
        "the file is empty",
        "从 templates/contrib/ 中的模板开始，或运行 python -m generator new case",
        "start from a template in templates/contrib/ or run python -m generator new case",
    ),
    "file-unexpected": (
        "条目目录中的文件不是 .md 文件，已忽略",
        "a file in an entry folder is not a .md file and is ignored",
        "条目文件的扩展名应为小写 .md",
        "entry files end in lowercase .md",
    ),
    "file-missing": (
        "找不到文件 {found}",
        "file {found} not found",
        None,
        None,
    ),
    "folder-missing": (
        "找不到内容目录 {found}",
        "content folder {found} not found",
        "在项目根目录运行，或用 --root 指定项目目录",
        "run at the project root or pass --root",
    ),
    # --- the id and the folder
    "id-invalid": (
        "文件名“{found}”不是有效的条目编号：只能用小写英文字母、数字和单个连字符，3–64 个字符",
        "file name '{found}' is not a valid id: lowercase ASCII letters, digits and single hyphens, 3-64 characters",
        "改名为 {suggestion}.md",
        "rename it to {suggestion}.md",
    ),
    "type-mismatch": (
        "字段 type 与所在目录不符：应为 {expected}，实际为“{found}”",
        "field type disagrees with the folder: expected {expected}, found '{found}'",
        "把 type 改为 {expected}，或把文件移到正确的目录",
        "set type to {expected} or move the file to the right folder",
    ),
    # --- front matter and YAML
    "frontmatter-missing": (
        "缺少开头的 YAML 元数据：文件第一行应为 ---",
        "the YAML front matter is missing: the first line must be ---",
        "在文件开头加上 --- 行、元数据和另一行 ---",
        "start the file with a --- line, the fields, and another --- line",
    ),
    "frontmatter-unclosed": (
        "YAML 元数据没有结束：找不到第二行 ---",
        "the YAML front matter is not closed: no second --- line",
        "在元数据之后、正文之前加一行 ---",
        "add a --- line between the fields and the body",
    ),
    "frontmatter-empty": (
        "YAML 元数据是空的",
        "the YAML front matter is empty",
        "至少填写 title、summary、themes、sources 等必填字段",
        "fill in at least the required fields title, summary, themes, sources",
    ),
    "frontmatter-not-mapping": (
        "YAML 元数据应为每行一个“字段: 值”，实际以“{found}”开头",
        "the YAML front matter must be 'field: value' lines, found one starting '{found}'",
        "每行写成“字段: 值”，例如 title: 田间学院",
        "write one 'field: value' per line, e.g. title: 田间学院",
    ),
    "yaml-syntax": (
        "YAML 语法错误：{found_zh}",
        "YAML syntax error: {found}",
        "检查该行的冒号、引号和缩进；含冒号的值请加引号",
        "check the colons, quotes and indentation on this line; quote values that contain a colon",
    ),
    "yaml-fullwidth-colon": (
        "字段“{field}”后面用了全角冒号“：”",
        "field '{field}' is followed by a full-width colon '：'",
        "改为半角冒号加空格：{field}: ",
        "use a half-width colon and a space: {field}: ",
    ),
    "yaml-fullwidth-space": (
        "缩进中有全角空格（U+3000）",
        "the indentation contains a full-width space (U+3000)",
        "删除全角空格，改用半角空格缩进（每级 2 个）",
        "replace it with half-width spaces (2 per level)",
    ),
    "yaml-tab": (
        "缩进中有制表符（Tab），YAML 不允许",
        "the indentation contains a tab, which YAML does not allow",
        "把 Tab 换成半角空格（每级 2 个）",
        "replace tabs with spaces (2 per level)",
    ),
    "yaml-duplicate-key": (
        "字段“{field}”重复出现（第一次在第 {other} 行）",
        "field '{field}' appears twice (first on line {other})",
        "删除其中一个，或把两处的内容合并",
        "remove one of them or merge the two",
    ),
    "yaml-too-complex-nodes": (
        "YAML 结构过于复杂：展开别名（*）后的值超过 {limit} 个",
        "the YAML is too complex: more than {limit} values once aliases (*) are expanded",
        "不要使用锚点（&）和别名（*），按模板逐项填写",
        "do not use anchors (&) and aliases (*); fill in the fields one by one",
    ),
    "yaml-too-complex-depth": (
        "YAML 结构过于复杂：列表和映射嵌套超过 {limit} 层",
        "the YAML is too complex: lists and mappings nested deeper than {limit} levels",
        "按模板逐项填写，每个字段最多嵌套两三层",
        "fill in the fields as the template shows; no field nests more than two or three levels",
    ),
    "yaml-too-complex-brackets": (
        "YAML 结构过于复杂：方括号或花括号嵌套超过 {limit} 层",
        "the YAML is too complex: brackets nested deeper than {limit} levels",
        "按模板逐项填写；列表可写成每行一项“- ”",
        "fill in the fields as the template shows; write a list one '- ' item a line",
    ),
    "frontmatter-dots": (
        "单独一行的“...”在 YAML 中表示文档结束：元数据只能用 --- 结束，这一行后面的字段仍会读取",
        "a '...' line ends a YAML document: the front matter ends only with ---; the fields after this line are still read",
        "删除这一行",
        "remove this line",
    ),
    "conflict-marker": (
        "合并冲突标记“{found}”：这是 git 合并时留下的，文件中同一处有两个版本",
        "merge-conflict marker '{found}': git left it when two versions of this place met",
        "在 <<<<<<< 与 ======= 之间、======= 与 >>>>>>> 之间选定要保留的内容，再删除这三行标记",
        "keep the right text between <<<<<<< and ======= or between ======= and >>>>>>>, then remove the three marker lines",
    ),
    "hidden-character": (
        "这里有看不见的字符 {char}（{name}）",
        "an invisible character {char} ({name_en}) stands here",
        "删除它：编辑器里可能看不到它，可以把这一处删掉重新输入",
        "remove it: an editor may not show it, so delete this spot and type it again",
    ),
    "hidden-reference": (
        "“{found}”代表看不见的字符 {char}（{name}）",
        "'{found}' stands for an invisible character {char} ({name_en})",
        "删除它",
        "remove it",
    ),
    "more-of-the-same": (
        "还有 {count} 处同样的问题（[{rule_shown}]），从这里起不再逐一列出",
        "{count} more problems of the same kind ([{rule_shown}]) from here on are not listed one by one",
        None,
        None,
    ),
    "yaml-key-type": (
        "字段名应为文字，实际是“{found}”",
        "a field name must be text, found '{found}'",
        None,
        None,
    ),
    # --- fields
    "field-required": (
        "缺少必填字段“{field}”（{label}）",
        "required field '{field}' ({label}) is missing",
        "添加一行，例如 {example}",
        "add a line such as {example}",
    ),
    "field-type": (
        "字段“{field}”应为{expected}，实际是“{found}”",
        "field '{field}' should be {expected}, found '{found}'",
        "{suggestion}",
        "{suggestion}",
    ),
    "field-hidden-character": (
        "字段“{field}”中有看不见的字符 {char}（{name}），在第 {position} 个字符处",
        "field '{field}' holds an invisible character {char} ({name_en}) at character {position}",
        "删除它：编辑器里可能看不到它，可以把这个值删掉重新输入",
        "remove it: an editor may not show it, so delete the value and type it again",
    ),
    "field-empty": (
        "字段“{field}”不能为空",
        "field '{field}' must not be empty",
        "填写内容，或删除这一行（如果它是选填字段）",
        "fill it in, or remove the line if the field is optional",
    ),
    "field-too-long": (
        "字段“{field}”过长：{found} 个字符，上限 {limit}",
        "field '{field}' is too long: {found} characters, the limit is {limit}",
        "精简到 {limit} 个字符以内",
        "shorten it to at most {limit} characters",
    ),
    "field-too-short": (
        "字段“{field}”过短：{found} 个字符，至少 {limit}",
        "field '{field}' is too short: {found} characters, at least {limit}",
        None,
        None,
    ),
    "field-list-empty": (
        "字段“{field}”至少需要 {limit} 项",
        "field '{field}' needs at least {limit} item(s)",
        "添加至少一项，每项一行，以“- ”开头",
        "add at least one item, one per line, starting with '- '",
    ),
    "field-list-long": (
        "字段“{field}”有 {found} 项，上限 {limit}",
        "field '{field}' has {found} items, the limit is {limit}",
        None,
        None,
    ),
    "field-range": (
        "字段“{field}”应在 {low}–{high} 之间，实际是 {found}",
        "field '{field}' should be between {low} and {high}, found {found}",
        "{suggestion}",
        "{suggestion}",
    ),
    "field-number-form": (
        "字段“{field}”写的是“{found}”：YAML 会把它读成 {value}，而不是照写的数字",
        "field '{field}' reads '{found}': YAML takes it as {value}, not the number as written",
        "写成十进制的阿拉伯数字，例如 {value}；如果本来就是文字，请加引号",
        "write it as a decimal number such as {value}; quote it if it is text",
    ),
    "field-choice": (
        "字段“{field}”应为 {expected} 之一，实际是“{found}”",
        "field '{field}' should be one of {expected}, found '{found}'",
        "改为“{suggestion}”",
        "use '{suggestion}'",
    ),
    "field-date": (
        "字段“{field}”不是有效日期：“{found}”（格式 {expected}）",
        "field '{field}' is not a valid date: '{found}' (format {expected})",
        "例如 2024-06-01、2024-06 或 2024",
        "e.g. 2024-06-01, 2024-06 or 2024",
    ),
    "url-too-long": (
        "网址过长：{found} 个字符，上限 {limit}",
        "the address is too long: {found} characters, the limit is {limit}",
        "使用较短的网址，例如去掉网址中“?”后面的跟踪参数",
        "use a shorter address, e.g. without the tracking parameters after '?'",
    ),
    "field-url": (
        "字段“{field}”不是有效的 http(s) 网址：“{found}”",
        "field '{field}' is not a valid http(s) URL: '{found}'",
        "写完整网址，以 https:// 或 http:// 开头",
        "write the full address starting with https:// or http://",
    ),
    "field-unknown": (
        "未知字段“{field}”，将被忽略",
        "unknown field '{field}' is ignored",
        "是否想写“{suggestion}”？",
        "did you mean '{suggestion}'?",
    ),
    "field-unknown-nosuggest": (
        "未知字段“{field}”，将被忽略",
        "unknown field '{field}' is ignored",
        None,
        None,
    ),
    # --- vocabularies and references
    "unknown-theme": (
        "未知主题“{found}”：主题须来自 cases/themes.yml",
        "unknown theme '{found}': themes come from cases/themes.yml",
        "是否想写“{suggestion}”？",
        "did you mean '{suggestion}'?",
    ),
    "unknown-district": (
        "未知区县“{found}”：须为 cases/districts.yml 中的名称",
        "unknown district '{found}': use a name from cases/districts.yml",
        "是否想写“{suggestion}”？",
        "did you mean '{suggestion}'?",
    ),
    "unknown-institution": (
        "未知机构“{found}”：须为 cases/institutions.yml 中的名称或简称",
        "unknown institution '{found}': use a name or short name from cases/institutions.yml",
        "是否想写“{suggestion}”？若是新机构，请先在 cases/institutions.yml 中登记",
        "did you mean '{suggestion}'? A new institution is first added to cases/institutions.yml",
    ),
    "unknown-model": (
        "未知模式“{found}”：须为 cases/models/ 中条目的编号或标题",
        "unknown model '{found}': use the id or title of an entry in cases/models/",
        "是否想写“{suggestion}”？",
        "did you mean '{suggestion}'?",
    ),
    "unknown-figure": (
        "未知人物“{found}”：须为 cases/figures/ 中条目的编号或标题",
        "unknown figure '{found}': use the id or title of an entry in cases/figures/",
        "是否想写“{suggestion}”？",
        "did you mean '{suggestion}'?",
    ),
    "reference-draft": (
        "引用的{kind}“{found}”是草稿（draft），发布后的页面上不会显示这条链接",
        "the referenced {kind} '{found}' is a draft; the published page will not link it",
        None,
        None,
    ),
    # --- vocabulary files
    "vocab-missing": (
        "缺少词表文件 {found}",
        "vocabulary file {found} is missing",
        None,
        None,
    ),
    "vocab-invalid": (
        "词表条目“{field}”无效：应为{expected}，实际是“{found}”",
        "vocabulary item '{field}' is invalid: expected {expected}, found '{found}'",
        None,
        None,
    ),
    "vocab-duplicate-id": (
        "编号“{found}”重复：第 {other} 行的一项已经用了它（编号是页面的网址，每项必须不同）",
        "id '{found}' is used twice: the item on line {other} has it already (an id is a page's address)",
        "给这一项换一个没有用过的编号",
        "give this item an id not used yet",
    ),
    "vocab-duplicate": (
        "词表中的名称或别名“{found}”重复（也属于“{other}”）",
        "the name or alias '{found}' is used twice in the vocabulary (also by '{other}')",
        "删除或修改其中一个",
        "remove or change one of them",
    ),
    "template-placeholder": (
        "已发布的条目中还留有模板的提示文字“{found}”",
        "a published entry still holds the template's guidance text '{found}'",
        "按来源填写该节，或删除该节；仍在编写时把 status 设为 draft",
        "fill in or remove the section; keep status: draft while writing",
    ),
    # --- sources: local copies and the quotations checked against them
    "copy-name": (
        "字段“{field}”应为 cases/sources/ 中的文件名（以 .txt 结尾，不含 / 和 \\），实际是“{found}”",
        "field '{field}' should be a file name in cases/sources/ (ending in .txt, no / or \\), found '{found}'",
        "{suggestion}",
        "{suggestion}",
    ),
    "copy-missing": (
        "字段“{field}”指向的来源副本 {found} 不存在（或不是普通文件）",
        "field '{field}' names the source copy {found}, which does not exist (or is not a plain file)",
        "把来源全文保存为 UTF-8 文本文件 {found}，或改正文件名",
        "save the source's text as the UTF-8 text file {found}, or correct the name",
    ),
    "copy-symlink": (
        "字段“{field}”指向的来源副本 {found} 是符号链接（或在符号链接的目录中），出于安全原因不予读取",
        "field '{field}' names the source copy {found}, which is a symbolic link (or inside one) and is not read, for safety",
        "换成 cases/sources/ 中的真实文件",
        "replace it with a real file in cases/sources/",
    ),
    "copy-unreadable": (
        "字段“{field}”指向的来源副本 {found} 无法读取：{why}",
        "field '{field}' names the source copy {found}, which cannot be read: {why_en}",
        "另存为 UTF-8 编码的 .txt 文本文件",
        "save it as a UTF-8 .txt text file",
    ),
    "quote-not-in-source": (
        "引文“{found}”与来源原文不一致：在 {copies} 中找不到",
        "the quotation '{found}' is not the source's wording: it is not in {copies}",
        "{fix}",
        "{fix_en}",
    ),
    "quote-no-copy": (
        "没有保存来源的本地副本，无法核对引文",
        "no local copy of a source is kept, so the quotations cannot be checked",
        "把来源全文保存为 cases/sources/ 中的 UTF-8 .txt 文件，并在该来源下加一行 copy: 文件名.txt",
        "save the source's text as a UTF-8 .txt file in cases/sources/ and add copy: <name>.txt under that source",
    ),
    "quote-brackets": (
        "用了直角引号：“{found}”；大陆通行的引号是外层“ ”、内层‘ ’",
        "corner-bracket quotation marks: '{found}'; mainland usage is “ ” outside and ‘ ’ inside",
        "改为 {suggestion}",
        "write {suggestion}",
    ),
    # --- privacy
    "private-id-card": (
        "疑似居民身份证号（18 位且校验位正确）：不得公开个人身份证号",
        "what looks like a resident ID number (18 digits, valid check digit): personal ID numbers must not be published",
        "删除该号码",
        "remove the number",
    ),
    "private-mobile": (
        "疑似个人手机号码（11 位，1 开头）：不得公开个人联系方式",
        "what looks like a personal mobile number (11 digits starting with 1): personal contacts must not be published",
        "删除该号码；如需联系方式，请写单位的公开电话",
        "remove it; give an institution's public number where one is needed",
    ),
    "private-email": (
        "疑似个人电子邮箱“{found}”：不得公开个人联系方式",
        "what looks like a personal e-mail address '{found}': personal contacts must not be published",
        "删除该邮箱",
        "remove the address",
    ),
    # --- hostile or unsafe content
    "unsafe-html": (
        "不允许的 HTML：{found}（{why}）",
        "HTML that is not allowed: {found} ({why_en})",
        "删除这段 HTML，改用 Markdown 写法",
        "remove this HTML and use Markdown instead",
    ),
    "unsafe-url": (
        "不安全的链接地址“{found}”：只允许 http(s)、mailto 和站内相对路径",
        "unsafe link address '{found}': only http(s), mailto and relative paths are allowed",
        "删除该链接，或改为 https:// 开头的网址",
        "remove the link or use an https:// address",
    ),
    # --- Markdown that would take the renderer too long or too deep
    "markdown-too-many-lines": (
        "正文有 {count} 个非空行（上限 {limit}）：行数这么多的正文会让生成站点变得很慢",
        "the body has {count} non-blank lines (the limit is {limit}): a body this long makes the site build slow",
        "精简正文，或把它拆成几个条目",
        "shorten the body or split it into several entries",
    ),
    "markdown-too-much-markup": (
        "正文中有 {count} 处 Markdown 标记（* _ ` \\ [ < & 和行尾两个空格，上限 {limit}）：标记这么多会让生成站点变得很慢",
        "the body has {count} Markdown marks (* _ ` \\ [ < & and two spaces at a line's end; the limit is {limit}): "
        "so many make the site build slow",
        "只在需要的地方使用加粗、链接等标记；普通符号改用全角字符",
        "use bold, links and the like only where needed; use full-width signs for plain text",
    ),
    "markdown-long-paragraph": (
        "这一段有 {count} 个字符（上限 {limit}）",
        "this paragraph has {count} characters (the limit is {limit})",
        "分成几段，段与段之间空一行",
        "split it into paragraphs, with a blank line between them",
    ),
    "markdown-unclosed-brackets": (
        "这一段有 {count} 个没有闭合的“[”（一段最多 {limit} 个）：Markdown 会从每个“[”起一直向后查找“]”",
        "this paragraph has {count} '[' never closed (at most {limit} a paragraph): Markdown searches on from each for its ']'",
        "链接写作 [文字](网址)；只是方括号时写成 \\[，或改用全角【】",
        "write a link as [text](address); escape a plain bracket as \\[ or use 【】",
    ),
    "markdown-unclosed-links": (
        "这一段有 {count} 个“](”没有对应的“)”（一段最多 {limit} 个）：链接的网址没有写完",
        "this paragraph has {count} '](' without their ')' (at most {limit} a paragraph): the links' addresses are unfinished",
        "把每个链接写完整：[文字](网址)",
        "finish each link: [text](address)",
    ),
    "markdown-unclosed-tags": (
        "正文中有 {count} 个“<”后面没有“>”（最多 {limit} 个）：它们像是没写完的 HTML 标签或 <网址>",
        "the body has {count} '<' without a '>' (at most {limit}): they look like unfinished HTML tags or <addresses>",
        "只是小于号时写成 &lt; 或全角“＜”；网址写作 <https://…> 或 [文字](网址)",
        "write a plain less-than sign as &lt; or ＜; an address as <https://…> or [text](address)",
    ),
    "markdown-unclosed-code": (
        "这一段有 {count} 处反引号“`”没有对应的结束反引号（一段最多 {limit} 处）：Markdown 会从每一处起一直向后查找",
        "this paragraph has {count} backtick runs '`' never closed (at most {limit} a paragraph): Markdown searches on from each",
        "代码写作 `代码`，两边反引号个数相同；只是反引号时写成 \\`",
        "write code as `code` with as many backticks on each side; escape a plain backtick as \\`",
    ),
    "markdown-deep-html": (
        "HTML 标签嵌套超过 {limit} 层",
        "HTML elements are nested deeper than {limit} levels",
        "改用 Markdown 写法，或减少嵌套的标签",
        "use Markdown instead, or nest fewer tags",
    ),
    "markdown-deep-brackets": (
        "方括号“[”嵌套超过 {limit} 层",
        "square brackets '[' are nested deeper than {limit} levels",
        "链接文字中不要再套方括号；只是方括号时写成 \\[",
        "do not nest brackets in link text; escape a plain bracket as \\[",
    ),
    "markdown-deep-emphasis": (
        "强调标记（* 或 _）嵌套超过 {limit} 层",
        "emphasis marks (* or _) are nested deeper than {limit} levels",
        "加粗写作 **文字**，不要层层嵌套；只是星号时写成 \\*",
        "write bold as **text** without nesting; escape a plain star as \\*",
    ),
    "markdown-deep-blocks": (
        "列表或引用（>）嵌套超过 {limit} 层",
        "lists or quotes (>) are nested deeper than {limit} levels",
        "减少嵌套层数；行首的“- ”“1. ”“>”各开始一层",
        "nest fewer levels; each '- ', '1. ' or '>' at the start of a line opens one",
    ),
    "html-in-field": (
        "字段“{field}”中含有 HTML 标记“{found}”：元数据只能是纯文本",
        "field '{field}' contains HTML markup '{found}': fields are plain text",
        "删除尖括号中的标记",
        "remove the markup",
    ),
    "path-escape": (
        "文件路径“{found}”指向内容目录之外，或是绝对路径",
        "path '{found}' points outside the content folders or is absolute",
        "把文件放进 cases/assets/，用相对路径引用，例如 ../assets/图片.jpg",
        "put the file under cases/assets/ and link it relatively, e.g. ../assets/photo.jpg",
    ),
    "image-missing": (
        "图片“{found}”不存在",
        "image '{found}' does not exist",
        "检查文件名和路径；图片放在 cases/assets/ 下",
        "check the name and path; images live under cases/assets/",
    ),
    "image-format": (
        "图片“{found}”的格式不被允许（允许：{expected}）",
        "image '{found}' has a format that is not allowed (allowed: {expected})",
        "另存为 JPG 或 PNG",
        "save it as JPG or PNG",
    ),
    "image-too-large": (
        "图片“{found}”过大：{size} 字节，上限 {limit} 字节",
        "image '{found}' is too large: {size} bytes, the limit is {limit}",
        "压缩图片后再提交",
        "compress the image first",
    ),
    "image-too-many-pixels": (
        "图片“{found}”的尺寸过大：{width} × {height} 像素，上限 {limit} 百万像素",
        "image '{found}' is too big: {width} × {height} pixels, the limit is {limit} megapixels",
        "缩小到长边 4000 像素以内再提交",
        "scale it to at most 4000 pixels on its longer side first",
    ),
    "image-symlink": (
        "图片“{found}”是符号链接，不予使用",
        "image '{found}' is a symbolic link and is not used",
        "换成真实文件",
        "replace it with a real file",
    ),
    "image-alt": (
        "图片“{found}”缺少替代文字（读屏软件用户需要它）",
        "image '{found}' has no alt text (screen-reader users need it)",
        "写成 ![图片内容的简短描述]({found})",
        "write ![a short description]({found})",
    ),
}
