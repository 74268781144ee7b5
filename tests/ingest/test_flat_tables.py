"""Task tables copied from web pages one cell per line, rebuilt into rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from pipeline.extract import extract
from pipeline.ingest import ingest_file
from pipeline.ingest.flat import unflatten
from pipeline.ingest.table import extract_task_table
from pipeline.models import Block

AS_OF = dt.date(2021, 8, 2)


def _blocks(*lines: str) -> list[Block]:
    return [Block(t, i + 1) for i, t in enumerate(lines)]


def test_numbered_rows_are_rebuilt_even_with_a_cell_missing() -> None:
    kept, rows = unflatten(
        _blocks(
            "城区重点工作任务分解表",
            "序号",
            "工作任务",
            "责任单位",
            "完成时限",
            "1",
            "完成中山路雨污分流改造",
            "区住建局",
            "2021年10月底前",
            "2",
            "编制老旧小区改造计划",
            "2021年9月30日前",  # no owner cell
            "3",
            "开展餐饮油烟专项整治",
            "区生态环境分局、区市场监管局",
            "长期坚持",
            "附件：联系人名单",
        )
    )
    assert [(r.task, r.lead, r.deadline) for r in rows] == [
        ("完成中山路雨污分流改造", "区住建局", "2021年10月底前"),
        ("编制老旧小区改造计划", "", "2021年9月30日前"),
        ("开展餐饮油烟专项整治", "区生态环境分局、区市场监管局", "长期坚持"),
    ]
    assert [r.line for r in rows] == [6, 10, 13]
    assert [b.text for b in kept] == ["城区重点工作任务分解表", "附件：联系人名单"], (
        "the table is taken out"
    )


def test_rows_without_numbers_are_read_n_cells_at_a_time() -> None:
    kept, rows = unflatten(
        _blocks(
            "工作任务",
            "牵头单位",
            "配合单位",
            "时间节点",
            "建成智慧停车平台",
            "区城管局",
            "区大数据中心",
            "2021年12月底前",
            "完成背街小巷路灯更换",
            "区城管局",
            "各街道办事处",
            "11月底前",
            "以上任务要高度重视，确保按期完成，并于每月25日前报送进展情况。",
        )
    )
    assert [(r.task, r.lead, r.assist, r.deadline) for r in rows] == [
        ("建成智慧停车平台", "区城管局", "区大数据中心", "2021年12月底前"),
        ("完成背街小巷路灯更换", "区城管局", "各街道办事处", "11月底前"),
    ]
    assert kept[-1].text.startswith("以上任务要高度重视")


def test_short_label_runs_that_are_not_tables_stay_text() -> None:
    lines = ("一、总体要求", "工作任务", "坚持稳中求进，确保年底前完成全年目标任务。")
    kept, rows = unflatten(_blocks(*lines))
    assert rows == [] and [b.text for b in kept] == list(lines)


def test_a_flattened_table_in_a_text_file_gives_owned_dated_tasks(
    write: Callable[..., Path],
) -> None:
    path = write(
        "plan.txt",
        "关于印发城区重点工作任务分解表的通知\n\n序号\n项目名称\n工作任务\n责任单位\n完成时限\n1\n紫荆山路改造工程\n完成管线迁改\n区住建局\n2021年9月底前\n2\n紫荆山路改造工程\n完成路面铺设\n区住建局\n2021年10月底前",
    )
    (doc,) = ingest_file(path, as_of=AS_OF)
    tasks = extract(doc, AS_OF)
    assert [(t.text, t.due, t.named_lead) for t in tasks] == [
        ("紫荆山路改造工程：完成管线迁改", dt.date(2021, 9, 30), ("区住建局",)),
        ("紫荆山路改造工程：完成路面铺设", dt.date(2021, 10, 31), ("区住建局",)),
    ], "the project's name cell is the subject of its row"


def test_a_name_column_in_a_real_table_is_the_subject() -> None:
    grid = [
        (1, ["序号", "项目名称", "建设内容", "责任单位", "完成时限"]),
        (2, ["1", "城东污水处理厂", "完成主体工程", "区水务局", "2021年11月底前"]),
    ]
    found = extract_task_table(grid)
    assert found is not None
    assert [r.task for r in found.rows] == ["城东污水处理厂：完成主体工程"]


def test_columns_named_as_lists_of_undertakings_and_rectifications_are_tables() -> None:
    _, rows = unflatten(
        _blocks(
            "序号",
            "民生实事",
            "责任单位",
            "完成时限",
            "1",
            "新建口袋公园5个",
            "区城管局",
            "11月底前",
        )
    )
    assert [(r.task, r.lead, r.deadline) for r in rows] == [
        ("新建口袋公园5个", "区城管局", "11月底前")
    ]
    _, rows = unflatten(
        _blocks(
            "序号",
            "存在问题",
            "整改措施",
            "责任单位",
            "整改时限",
            "责任领导",
            "1",
            "背街小巷路灯损坏未修复",
            "全面排查更换路灯",
            "区城管局",
            "2021年9月底前",
            "王某",
        )
    )
    assert [(r.task, r.lead, r.deadline, r.note) for r in rows] == [
        ("背街小巷路灯损坏未修复：全面排查更换路灯", "区城管局", "2021年9月底前", "王某")
    ], "the problem is the subject of its measure; the leader a note, not an owner"


def test_a_cell_wrapped_over_lines_and_group_rows_keep_the_rows_whole() -> None:
    kept, rows = unflatten(
        _blocks(
            "序号",
            "工作任务",
            "牵头单位",
            "完成时限",
            "一、城乡建设",
            "1",
            "完成河道清淤8公里，",
            "同步修复护岸",
            "区水务局",
            "10月底前",
            "2",
            "改造农贸市场2个",
            "区商务局",
            "12月底前",
            "二、社会事业",
            "3",
            "新增普惠托位300个",
            "区卫健局",
            "9月30日前",
            "各单位要按时限推进。",
        )
    )
    assert [(r.task, r.lead, r.deadline, r.section) for r in rows] == [
        ("完成河道清淤8公里，同步修复护岸", "区水务局", "10月底前", "一、城乡建设"),
        ("改造农贸市场2个", "区商务局", "12月底前", "一、城乡建设"),
        ("新增普惠托位300个", "区卫健局", "9月30日前", "二、社会事业"),
    ]
    assert [b.text for b in kept] == ["各单位要按时限推进。"], (
        "the last row takes its own cells only; the text after the table stays text"
    )


def test_rows_of_space_separated_cells_are_a_table() -> None:
    kept, rows = unflatten(
        _blocks(
            "2021年重点任务分解",
            "序号 工作任务 责任单位 完成时限",
            "1 建成城市书房3处 区文旅局 10月底前",
            "2 完成背街小巷改造 区住建局、各街道 2021年12月",
            "请各单位抓好落实。",
        )
    )
    assert [(r.task, r.lead, r.deadline) for r in rows] == [
        ("建成城市书房3处", "区文旅局", "10月底前"),
        ("完成背街小巷改造", "区住建局、各街道", "2021年12月"),
    ]
    assert [b.text for b in kept] == ["2021年重点任务分解", "请各单位抓好落实。"]
    lines = ("会议强调 责任单位 要 完成时限", "1 项 工作")  # words with spaces, no header
    assert unflatten(_blocks(*lines))[1] == []


def test_pipe_separated_lines_and_an_unnamed_subject_column_are_a_table() -> None:
    """Cells split at pipes keep their inner spaces (two offices in one cell); a header with
    a time and an owner column but no task column names its one unnamed column the task."""
    kept, rows = unflatten(
        _blocks(
            "一、专项整治安排表",
            "整治行业名称 | 时间安排 | 责任单位 |",
            "燃气管道 | 9月份 | 城建办 安监站 |",
            "景区、文物设施、 | 10月份 | 文化站 |",
            "二、工作要求",
        )
    )
    assert [(r.task, r.deadline, r.lead) for r in rows] == [
        ("燃气管道", "9月份", "城建办 安监站"),
        ("景区、文物设施", "10月份", "文化站"),
    ]
    assert [b.text for b in kept] == ["一、专项整治安排表", "二、工作要求"]
    # two unnamed columns: no guess which is the task
    lines = ("名称 | 地点 | 责任单位", "燃气管道 | 东街 | 城建办")
    assert unflatten(_blocks(*lines))[1] == []


def test_cells_one_per_line_ending_in_a_pipe() -> None:
    _, rows = unflatten(
        _blocks(
            "序号 |", "重点工作 |", "责任领导 |", "责任单位 |", "完成时限 |",
            "1 |", "全力服务重大项目落地见效。 |", "张某 |", "招商工作部 |", "全年 |",
            "2 |", "盘活存量土地400亩。 |", "李某 |", "改革办 |", "9月底前 |",
        )
    )  # fmt: skip
    assert [(r.task, r.lead, r.deadline, r.note) for r in rows] == [
        ("全力服务重大项目落地见效。", "招商工作部", "全年", "张某"),
        ("盘活存量土地400亩。", "改革办", "9月底前", "李某"),
    ]


def test_a_line_table_ends_at_the_first_line_that_is_no_row() -> None:
    """Rows have a cell for each column (a task with spaces keeps the last cells for the
    columns after it); a sentence, a contact line or a list after the table stays text."""
    kept, rows = unflatten(
        _blocks(
            "序号 工作任务 责任单位 完成时限",
            "1 新建 社区养老服务中心 2处 区民政局 2021年10月底前",
            "2 完成背街小巷改造20条 区城管局 2021年9月底前",
            "有关要求",
            "1. 请各单位于9月10日前将推进计划报区政府督查室。",
            "联系人：王明 联系电话：12345678",
        )
    )
    assert [(r.task, r.lead, r.deadline) for r in rows] == [
        ("新建社区养老服务中心2处", "区民政局", "2021年10月底前"),
        ("完成背街小巷改造20条", "区城管局", "2021年9月底前"),
    ]
    assert [b.text for b in kept] == [
        "有关要求",
        "1. 请各单位于9月10日前将推进计划报区政府督查室。",
        "联系人：王明 联系电话：12345678",
    ]


def test_a_wrapped_task_in_the_last_row_keeps_its_owner_and_time() -> None:
    _, rows = unflatten(
        _blocks(
            "序号", "工作任务", "责任单位", "完成时限",
            "1", "改造提升乡镇卫生院", "3所", "区卫健委", "2021年9月底前",
            "2", "新建社区养老服务中心", "2处", "区民政局", "2021年10月底前",
            "某某区人民政府办公室",
        )
    )  # fmt: skip
    assert [(r.task, r.lead, r.deadline) for r in rows] == [
        ("改造提升乡镇卫生院3所", "区卫健委", "2021年9月底前"),
        ("新建社区养老服务中心2处", "区民政局", "2021年10月底前"),
    ]


def test_a_task_column_named_for_a_years_targets_dates_its_rows() -> None:
    """ "全年目标任务", "2022年目标任务": each row is due at that year's end, unless a time
    column says otherwise."""
    grid = [
        (1, ["序号", "全年目标任务", "牵头单位"]),
        (2, ["1", "新增城镇就业5000人", "区人社局"]),
    ]
    found = extract_task_table(grid)
    assert found is not None
    assert [(r.task, r.deadline) for r in found.rows] == [("新增城镇就业5000人", "年底")]
    _, rows = unflatten(
        _blocks(
            "序号 2022年目标任务 责任单位 完成时限",
            "1 建成城市书房3处 区文旅局 10月底前",
            "序号 工作任务 责任单位",
            "1 建成城市书房3处 区文旅局",
        )
    )
    assert [r.deadline for r in rows] == ["10月底前", ""], "a time column wins; no year, no date"
    _, rows = unflatten(_blocks("序号 2022年目标任务 责任单位", "1 建成城市书房3处 区文旅局"))
    assert [(r.task, r.deadline) for r in rows] == [("建成城市书房3处", "2022年底")]


def test_one_cell_per_line_with_a_years_target_column_beside_the_task() -> None:
    """主要任务 | 全年目标任务 | 责任单位, one cell per line: the year's target is the task (due
    at the year's end), the main task its category; a second task column of no year still ends
    the header as before."""
    cells = ("序号", "主要任务", "全年目标任务", "责任单位")
    rows_in = ("1", "推进老旧小区改造", "完成改造小区30个", "区住建局")
    rows_in += ("2", "加快污水管网建设", "新建污水管网20公里", "区城管局")
    _, rows = unflatten(_blocks("重点工作任务分解表", *cells, *rows_in))
    assert [(r.task, r.deadline, r.lead, r.section) for r in rows] == [
        ("完成改造小区30个", "年底", "区住建局", "推进老旧小区改造"),
        ("新建污水管网20公里", "年底", "区城管局", "加快污水管网建设"),
    ]
    kept, rows = unflatten(_blocks("序号", "主要任务", "具体措施", "责任单位", "1", "推进改造"))
    assert rows == [] and len(kept) == 6


def test_rows_run_together_into_one_long_line_are_no_row() -> None:
    """A copy that rejoined a table's lines gives one long line: it is no row of the header
    above it (it was read as one task holding every row)."""
    rows_run_together = " ".join(
        f"{n} 新建第{n}处城市书房并完成内部装修和图书配置工作。 区文旅局 12月底前"
        for n in range(1, 8)
    )
    kept, rows = unflatten(_blocks("序号 工作任务 责任单位 完成时限", rows_run_together))
    assert rows == [] and [b.text for b in kept][-1] == rows_run_together
