"""What the commands say besides content problems, in Chinese (default) and English: key -> (zh, en).

A `{suggestion}` value is optional everywhere: where it is missing the message ends
without it (see `generator.messages.text`).
"""

from __future__ import annotations

import errno

# Why the system refused to read or write a file: errno -> (zh, en)
OS_ERRORS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘空间已满", "the disk is full"),
    errno.EDQUOT: ("超出了磁盘配额", "the disk quota is exceeded"),
    errno.EROFS: ("文件系统是只读的", "the file system is read-only"),
    errno.EACCES: ("没有写入或读取的权限", "permission denied"),
    errno.EPERM: ("操作不被允许（权限不足）", "operation not permitted"),
    errno.ENOENT: ("路径不存在", "no such file or folder"),
    errno.ENOTDIR: ("路径中有一部分不是目录", "a part of the path is not a folder"),
    errno.EISDIR: ("这是一个目录", "it is a folder"),
    errno.EEXIST: ("已经存在", "it exists already"),
    errno.ENOTEMPTY: ("目录不是空的", "the folder is not empty"),
    errno.EIO: ("读写出错（磁盘或设备故障）", "an input/output error (disk or device failure)"),
    errno.ENAMETOOLONG: ("文件名过长", "the file name is too long"),
    errno.EMFILE: ("打开的文件过多", "too many open files"),
    errno.EBUSY: ("正被其他程序占用", "it is busy"),
    errno.EXDEV: ("不能在不同的磁盘之间移动", "it cannot be moved across file systems"),
}

TEXTS: dict[str, tuple[str, str]] = {
    # --- every command
    "written": ("已写入 {path}", "wrote {path}"),
    "did-you-mean": ("（建议：是否想写“{suggestion}”？）", " (did you mean '{suggestion}'?)"),
    "no-content-folder": (
        "找不到内容目录 {folder}：请在项目根目录运行，或用 --root 指定。",
        "content folder {folder} not found: run at the project root or pass --root.",
    ),
    "content-has-errors": (
        "内容有错误，没有生成任何结果。请先修正上面列出的问题。",
        "the content has errors, so nothing was made. Fix the problems listed above first.",
    ),
    "vocabulary-has-errors": (
        "词表文件有错误，请先运行 python -m generator check 并改正。",
        "the vocabulary files have errors: run python -m generator check and fix them first.",
    ),
    "settings-missing": ("找不到站点配置文件 {path}。", "settings file {path} not found."),
    "settings-unreadable": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    # --- output folders and files
    "output-protected": (
        "不能把输出写到 {path}：这是项目或内容目录。请换一个输出目录，例如 site/。",
        "will not write output to {path}: it is the project or content folder. Choose another, e.g. site/.",
    ),
    "output-not-folder": ("输出路径 {path} 已存在且不是目录。", "output path {path} exists and is not a folder."),
    "output-foreign": (
        "输出目录 {path} 已存在且不是之前生成的结果（缺少 {marker}），为安全起见不覆盖。",
        "output folder {path} exists and was not made by this tool (no {marker}); it is not replaced.",
    ),
    "output-failed": (
        "无法写入 {path}：{reason}。请检查磁盘空间和写入权限；之前的结果保持不变。",
        "cannot write {path}: {reason}. Check the disk space and permissions; the previous output is unchanged.",
    ),
    "template-failed": (
        "模板出错：{where}：{reason}。请改正这个模板（templates/ 或 overrides/ 中）后再运行；之前的结果保持不变。",
        "template error: {where}: {reason}. Fix the template (in templates/ or overrides/) and run again; the previous output is unchanged.",
    ),
    "template-missing": (
        "找不到模板 {name}。请检查模板名是否写错，或把它放回 templates/ 或 overrides/ 后再运行；之前的结果保持不变。",
        "template not found: {name}. Check its name, or put it back in templates/ or overrides/, and run again; the previous output is unchanged.",
    ),
    "template-missing-at": (
        "找不到模板 {name}（{where} 引用了它）。请检查模板名是否写错，或把它放回 templates/ 或 overrides/ 后再运行；之前的结果保持不变。",
        "template not found: {name} (named at {where}). Check its name, or put it back in templates/ or overrides/, and run again; the previous output is unchanged.",
    ),
    # --- build, serve, export
    "site-built": ("站点已生成：{path}/（{count} 个条目，{packs} 本案例手册）", "site written to {path}/ ({count} entries, {packs} packs)"),
    "site-exported": (
        "已导出 {count} 个页面到 {path}/：cd {path} && mkdocs build 即可生成站点（不需要 zjxn 插件）。",
        "exported {count} pages to {path}/: cd {path} && mkdocs build makes the site (no zjxn plugin needed).",
    ),
    "body-too-slow": (
        "{path}：正文在 {seconds} 秒内没有排完，已停止。请运行 python -m generator check {path}，按提示修改未闭合的括号、标签或过深的嵌套。",
        "{path}: the body was not rendered within {seconds} s and was stopped. Run python -m generator check {path} "
        "and fix the unclosed brackets or tags, or the deep nesting, it names.",
    ),
    "body-too-deep": (
        "{path}：正文嵌套过深，无法排版。请运行 python -m generator check {path}，减少列表、引用或强调的嵌套层数。",
        "{path}: the body nests too deep to be rendered. Run python -m generator check {path} and nest fewer "
        "lists, quotes or emphasis marks.",
    ),
    "build-failed": ("站点生成失败：{reason}", "the site build failed: {reason}"),
    "site-url-missing": (
        "没有站点的公开网址（{path} 的 site_url，或 build --site-url），严格模式（--strict，发布时使用）不生成站点："
        "网址用于规范链接、站点地图、订阅和案例手册的二维码。请用 --site-url https://…/ 给出，或在 {path} 中设置 site_url。",
        "no public address for the site (site_url in {path}, or build --site-url), so strict mode (--strict, used to "
        "deploy) makes no site: canonical links, the sitemap, the feed and the packs' QR codes need it. Pass "
        "--site-url https://…/ or set site_url in {path}.",
    ),
    "site-url-preview": (
        "提示：没有设置站点的公开网址（site_url 或 --site-url），这次生成的是预览：没有规范链接，案例手册不印二维码和网址。",
        "note: no public address is set (site_url or --site-url), so this is a preview: no canonical links, and the "
        "packs print no QR codes or addresses.",
    ),
    "site-url-invalid": (
        "--site-url：“{found}”不是完整的网址，应以 https:// 或 http:// 开头，例如 https://用户名.github.io/仓库名/",
        "--site-url: '{found}' is not a full address; start it with https:// or http://, e.g. https://user.github.io/repo/",
    ),
    "serve-ready": (
        "本地预览：{url}（{entries} 个条目，{seconds:.1f} 秒）。其余页面在后台生成，之后建立搜索索引；修改并保存文件，页面自动更新。按 Ctrl+C 停止。",
        "preview at {url} ({entries} entries, {seconds:.1f} s). The other pages follow in the background, then the "
        "search index; save a file and its pages update. Ctrl+C stops it.",
    ),
    "serve-complete": ("全部页面已生成（{seconds:.1f} 秒）。", "every page written ({seconds:.1f} s)."),
    "serve-updated": ("已更新 {pages}（{seconds:.2f} 秒）", "updated {pages} ({seconds:.2f} s)"),
    "serve-reopened": ("设置、模板或词表有变动，已重新生成站点（{seconds:.1f} 秒）。", "settings, templates or vocabularies changed: the site was made afresh ({seconds:.1f} s)."),
    "serve-failed": (
        "无法按修改后的文件生成页面：{reason}。预览仍显示上次的页面；改正后保存即可。",
        "the changed files could not be made into pages: {reason}. The preview keeps the last pages; fix and save.",
    ),
    "serve-drafts": ("草稿（只在预览中显示，build 不会发布）：{urls}", "drafts (shown only in the preview, never built): {urls}"),
    "serve-fixed": ("{path}：没有问题了。", "{path}: no problems left."),
    "serve-search-done": ("搜索索引已更新（{seconds:.1f} 秒）。", "search index updated ({seconds:.1f} s)."),
    "serve-search-failed": ("搜索索引建立失败：{reason}", "the search index could not be made: {reason}"),
    "serve-packs-done": ("案例手册已生成。", "packs printed."),
    "serve-packs-failed": ("案例手册没有生成：{reason}", "the packs were not printed: {reason}"),
    "serve-address": (
        "无法在 {addr} 上启动预览：{reason}。请用 --addr 换一个地址或端口，例如 --addr 127.0.0.1:8001。",
        "cannot serve the preview at {addr}: {reason}. Pass another address or port, e.g. --addr 127.0.0.1:8001.",
    ),
    "serve-stopped": ("预览已停止。", "preview stopped."),
    "preview-pages-due": ("还有 {count} 个页面在生成", "{count} pages still being written"),
    "preview-search-none": ("搜索索引稍后建立", "search index: made soon"),
    "preview-search-building": ("正在建立搜索索引", "making the search index"),
    "preview-search-stale": ("搜索索引待更新", "search index out of date"),
    "preview-search-fresh": ("搜索索引已是最新", "search index up to date"),
    "preview-search-failed": ("搜索索引建立失败：{reason}", "search index failed: {reason}"),
    "preview-search-off": ("搜索索引已关闭（mkdocs.yml）", "search index off (mkdocs.yml)"),
    "preview-packs-stale": ("手册待更新", "packs out of date"),
    "preview-packs-printing": ("正在生成手册", "printing the packs"),
    "preview-packs-fresh": ("手册已是最新", "packs up to date"),
    "preview-packs-failed": ("手册生成失败：{reason}", "packs failed: {reason}"),
    "plugin-missing": (
        "{path} 没有启用 {plugin} 插件（在 plugins 中加上 - {plugin}）。",
        "{path} does not enable the {plugin} plugin (add - {plugin} under plugins).",
    ),
    "plugin-no-content": (
        "找不到内容目录 {folder}：请检查 mkdocs.yml 中 zjxn 插件的 content_root。",
        "content folder {folder} not found: check the zjxn plugin's content_root in mkdocs.yml.",
    ),
    "plugin-needs-directory-urls": (
        "zjxn 插件需要 use_directory_urls: true（页面地址形如 cases/<编号>/）。",
        "the zjxn plugin needs use_directory_urls: true (pages live at cases/<id>/).",
    ),
    "plugin-page-replaced": ("生成的页面 {path} 覆盖了 docs/ 中的同名文件", "generated page {path} replaces the file of that name in docs/"),
    "search-cannot-run": (
        "无法运行 Pagefind：{reason}。请先安装：python3 -m pip install 'pagefind[extended]'",
        "cannot run Pagefind: {reason}. Install it: python3 -m pip install 'pagefind[extended]'",
    ),
    "search-missing": (
        "没有安装 Pagefind，无法建立搜索索引。请先安装：python3 -m pip install 'pagefind[extended]'",
        "Pagefind is not installed, so no search index can be made: python3 -m pip install 'pagefind[extended]'",
    ),
    "search-failed": (
        "Pagefind 建立搜索索引失败（退出码 {code}）：{reason}",
        "Pagefind failed to index the site (exit code {code}): {reason}",
    ),
    # --- packs
    "font-missing": (
        "找不到中文字体，无法生成 PDF（否则中文会显示为方框）。请安装一种中文字体，例如 Debian/Ubuntu：sudo apt-get install "
        "fonts-noto-cjk；Fedora：sudo dnf install google-noto-sans-cjk-fonts；或用 --font 指定字体文件（.ttc/.otf/.ttf）或字体名称。",
        "No Chinese font found, so no PDF can be made (Chinese would print as boxes). Install one, e.g. Debian/Ubuntu: "
        "sudo apt-get install fonts-noto-cjk; Fedora: sudo dnf install google-noto-sans-cjk-fonts; or pass --font with "
        "a font file or family name.",
    ),
    "font-not-found": (
        "找不到指定的字体“{font}”：请给出字体文件路径（.ttc/.otf/.ttf），或 fc-list :lang=zh 列出的字体名称",
        "font '{font}' not found: give a font file (.ttc/.otf/.ttf) or a family listed by fc-list :lang=zh",
    ),
    "selection-unknown": (
        "--{option}：没有“{found}”这一{label}",
        "--{option}: no {label} '{found}'",
    ),
    "selection-choice": ("--{option}：没有“{found}”这一{label}，应为 {allowed} 之一", "--{option}: no {label} '{found}'; use one of {allowed}"),
    "selection-option": ("--{option}：{reason}", "--{option}: {reason}"),
    "selection-unknown-id": (
        "--ids：找不到已发布条目“{found}”：编号是 cases/ 下文件名去掉 .md",
        "--ids: no published entry '{found}': an id is a file name under cases/ without .md",
    ),
    "pack-empty": (
        "没有符合条件的已发布条目（{selection}），未生成手册。请放宽条件。",
        "no published entry matches ({selection}); no booklet was made. Widen the selection.",
    ),
    "pack-written": ("已写入 {path}：{count} 个条目，{pages} 页，用时 {seconds:.1f} 秒", "wrote {path}: {count} entries, {pages} pages, {seconds:.1f} s"),
    "pack-written-html": ("已写入 {path}：{count} 个条目", "wrote {path}: {count} entries"),
    "packs-yml-selection": ("packs.yml（{pack}）：{reason}", "packs.yml ({pack}): {reason}"),
    "packs-yml-id": (
        "packs.yml：条件为“{selection}”的手册需要 id（用作文件名）",
        "packs.yml: the pack selecting '{selection}' needs an id (its file name)",
    ),
    "packs-yml-paper": ("{where}：paper 应为 A4 或 A5，实际是“{found}”", "{where}: paper should be A4 or A5, found '{found}'"),
    "packs-yml-not-mapping": ("{where}应为“字段: 值”的映射", "{where} should be a mapping of 'key: value'"),
    "packs-yml-not-list": ("{where}：packs 应为列表", "{where}: packs should be a list"),
    "packs-yml-unknown-key": ("{where}：未知字段“{found}”（可用：{allowed}）", "{where}: unknown key '{found}' (allowed: {allowed})"),
    "packs-yml-bad-id": ("{where}：id 应为小写英文编号，实际是“{found}”", "{where}: id should be a lowercase ascii id, found '{found}'"),
    "packs-yml-no-selector": ("{where}：至少需要一个条件，例如 theme: 赛教融合", "{where}: at least one selector is needed, e.g. theme: 赛教融合"),
    "packs-yml-max-entries": ("packs.yml：max_entries 应为正整数，实际是“{found}”", "packs.yml: max_entries should be a positive whole number, found '{found}'"),
    # --- contributors: new, from-issue, issue-form, contrib-docs
    "id-invalid": (
        "编号“{found}”无效：只能用小写英文字母、数字和单个连字符，3–64 个字符",
        "id '{found}' is invalid: lowercase ascii letters, digits and single hyphens, 3-64 characters",
    ),
    "id-taken": ("编号“{found}”已被 {path} 使用，请换一个", "id '{found}' is used by {path}; choose another"),
    "new-misplaced-flags": ("{label}（{type}）没有这些参数：{flags}", "a {type} has no such options: {flags}"),
    "new-bad-flag": ("{flag}（{label}）：{problem}", "{flag} ({label}): {problem}"),
    "new-choices": ("{label}可以写：{names}", "{label} can be: {names}"),
    "new-missing-flag": ("缺少必填项 {flag}（{label}）", "required option {flag} ({label}) is missing"),
    "new-failed": ("无法新建条目：\n{problems}", "cannot make the entry:\n{problems}"),
    "new-input-ended": (
        "输入已结束，但还有必填项没有回答。可以改用参数给出，见 python -m generator new --help。",
        "the input ended before every required answer was given; pass them as options (python -m generator new --help).",
    ),
    "prompt-start": ("新建{label}：带 * 的为必填项。", "new {label}: items marked * are required."),
    "prompt-optional": ("（选填，直接回车跳过）", " (optional, press Enter to skip)"),
    "prompt-source": ("（强烈建议填写；直接回车则先写入占位来源）", " (strongly advised; Enter writes a placeholder source)"),
    "prompt-required": ("这一项必填，请输入。", "this item is required."),
    "prompt-id": ("编号（文件名，直接回车使用“{suggestion}”）：", "id (file name; Enter uses '{suggestion}'): "),
    "prompt-choose-one": ("输入编号或名称", "type a number or a name"),
    "prompt-choose-many": ("输入编号或名称，多个用空格或逗号分开", "type numbers or names, separated by spaces or commas"),
    "prompt-no-such": ("没有“{token}”这一项。", "there is no '{token}'. "),
    "prompt-guess": ("是否想选“{guess}”？", "did you mean '{guess}'?"),
    "prompt-range": ("请输入 1–{count} 之间的编号或列表中的名称。", "type a number from 1 to {count} or a name from the list."),
    "draft-not-written": ("未写入 {path}：请先改正以上问题。", "{path} was not written: fix the problems above first."),
    "draft-exists": ("{path} 已存在，不会覆盖。请换一个编号（--id）。", "{path} exists and is not overwritten; choose another id (--id)."),
    "draft-placeholder-source": (
        "注意：没有给出来源，文件中写入了占位来源；发布前必须改为真实的公开来源。",
        "note: no source was given, so a placeholder source was written; replace it with a real public source before publishing.",
    ),
    "draft-check-result": ("检查结果（python -m generator check {path}）：", "check result (python -m generator check {path}):"),
    "draft-no-problems": ("  没有发现问题。", "  no problems found."),
    "draft-next-step": (
        "下一步：打开文件，把括号中的提示换成依据来源写的内容；完成后把 status: draft 删去或改为 published。",
        "next: open the file and replace the bracketed guidance with text from the source; then remove status: draft.",
    ),
    "issue-unreadable": ("无法读取议题正文 {path}：{reason}", "cannot read the issue body {path}: {reason}"),
    "issue-too-long": ("议题正文过长（超过 {limit} 字节）。", "the issue body is too long (over {limit} bytes)."),
    "issue-has-problems": (
        "无法把这份投稿转换为案例文件，请修改议题中的以下各项：",
        "this submission cannot be made into a case file; change these answers in the issue:",
    ),
    "form-missing": ("“{label}”：表单中没有这一项（必填）", "'{label}': the form has no such item (required)"),
    "form-empty": ("“{label}”：没有填写（必填）", "'{label}': not answered (required)"),
    "form-ambiguous": (
        "“{label}”：议题中有不止一行“### {label}”（有一项回答里写了与表单标题相同的一行），分不清各项回答从哪里开始。"
        "请编辑议题，把回答中的这一行改写，例如去掉行首的 ###",
        "'{label}': the issue has more than one line '### {label}' (an answer holds a line like the form's heading), "
        "so the answers cannot be told apart. Edit the issue and reword that line in your answer, e.g. without the ###",
    ),
    "form-problem": ("“{label}”：{problem}", "'{label}': {problem}"),
    "docs-missing": ("找不到 {path}：请在项目根目录运行，或用 --root 指定。", "{path} not found: run at the project root or pass --root."),
    "docs-unknown-section": (
        "CONTRIBUTING.md 中有未知的生成段落“{found}”，可用的有：{allowed}",
        "CONTRIBUTING.md has an unknown generated part '{found}'; known parts: {allowed}",
    ),
    "docs-stale": ("{path} 已过期：请运行 python -m generator contrib-docs 重新生成。", "{path} is out of date: run python -m generator contrib-docs."),
    "docs-current": ("{path} 是最新的。", "{path} is up to date."),
    "docs-updated": ("已更新 {path}", "updated {path}"),
    "docs-unchanged": ("{path} 无需更新。", "{path} needs no update."),
}
