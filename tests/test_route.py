"""Routing: named owners first, then config rules in order, then the fallback office."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.config import load_config
from pipeline.models import Task
from pipeline.route import Router

CONFIG = load_config(Path(__file__).resolve().parents[1] / "config.yaml")


def _task(
    text: str, section: str = "", lead: tuple[str, ...] = (), assist: tuple[str, ...] = ()
) -> Task:
    return Task(
        id="t1",
        document="d",
        text=text,
        sentence=text,
        section=section,
        line=1,
        expr=None,
        due=None,
        kind=None,
        strength="",
        named_lead=lead,
        named_assist=assist,
    )


@pytest.fixture(scope="module")
def router() -> Router:
    return Router(CONFIG)


@pytest.mark.parametrize(
    ("name", "office"),
    [
        ("区住房和城乡建设局", "zjj"),
        ("区住建局", "zjj"),
        ("住建局", "zjj"),
        ("管城回族区住房和城乡建设局", "zjj"),  # district prefix
        ("（区发改委）", "fgw"),
        ("区卫健委", "wjw"),
        ("zwfw", "zwfw"),  # the id itself
        ("海关总署", None),
        ("区", None),
        # short forms: same first character, characters in order, same kind of body
        ("区发改局", "fgw"),  # 区发展和改革委员会: 局 and 委 are both departments
        ("区自规局", "zrgh"),
        ("区人社局", "rsj"),
        ("区应急局", "yjj"),  # 区应急管理局
        ("区生态环境局", "sthj"),  # 区生态环境分局
        ("区政府办", "ducha"),  # alias 区政府办公室
        ("区财政局", None),  # no such office configured
        ("区教体局", None),  # 体 is not in 区教育局
        ("区政务办", None),  # an office (办), not the 政务服务…管理局
    ],
)
def test_office_names_and_aliases(router: Router, name: str, office: str | None) -> None:
    assert router.office_for(name) == office


def test_named_owners_win_over_rules(router: Router) -> None:
    # The text matches the 政务服务 rule, but the document names its owners.
    t = router.route(_task("实现“一网通办”", lead=("区住建局",), assist=("区发改委", "区住建局")))
    assert (t.lead, t.assist, t.owner_basis) == (("zjj",), ("fgw",), "explicit")
    assert t.offices == ("zjj", "fgw")


def test_rule_by_text_then_fallback(router: Router) -> None:
    t = router.route(_task("年底前85%的政务服务事项要实现“一网通办”"))
    assert (t.lead, t.owner_basis) == (("zwfw",), "rule")
    t = router.route(_task("认真研究部署相关工作"))
    assert (t.lead, t.assist, t.owner_basis) == (("ducha",), (), "fallback")


def test_rule_by_section_and_rule_order(router: Router) -> None:
    # 新火车站 only matches in the section; it comes before the 绿化 rule.
    t = router.route(
        _task(
            "尽快完成十七里河滨河公园等14个绿化项目建设",
            section="聚焦核心板块开发建设 › 新火车站板块",
        )
    )
    assert (t.lead, t.assist) == (("nanbu",), ("zjj",))
    t = router.route(_task("尽快完成十七里河滨河公园等14个绿化项目建设"))
    assert t.lead == ("sthj",)


def test_unknown_named_owner_goes_to_fallback_and_is_reported(router: Router) -> None:
    t = router.route(_task("完成口岸通关改革", lead=("海关总署", "区商务局")))
    assert t.lead == ("swj",) and t.unknown_owners == ("海关总署",)
    t = router.route(_task("完成口岸通关改革", lead=("海关总署",)))
    assert (t.lead, t.owner_basis, t.unknown_owners) == (("ducha",), "fallback", ("海关总署",))


def test_no_task_is_ever_unowned(router: Router) -> None:
    for text in ("", "x", "推进工作", "完成控规调整"):
        assert router.route(_task(text)).offices


def test_first_rule_in_config_order_wins_even_when_keywords_overlap() -> None:
    from pipeline.config import parse_config

    data = CONFIG.model_dump(by_alias=True, exclude={"base_dir"})
    data["routing"] = [
        {"keywords": ["河湖"], "lead": ["nlsw"]},
        {"keywords": ["护城河"], "lead": ["cgj"]},  # starts earlier and overlaps rule 0's match
        {"pattern": r"\d+条道路", "in": ["text"], "lead": ["zjj"]},
        {"keywords": ["板块"], "in": ["section"], "lead": ["jindai"]},
    ]
    router = Router(parse_config(data))
    assert router.route(_task("整治护城河湖面")).lead == ("nlsw",)
    assert router.route(_task("整治护城河")).lead == ("cgj",)
    assert router.route(_task("建成7条道路", section="金岱科创板块")).lead == ("zjj",)
    assert router.route(_task("建成道路", section="金岱科创板块")).lead == ("jindai",)
    assert router.route(_task("板块招商")).lead == ("ducha",)  # 板块 only counts in the section


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # An office written as the subject owns the task, even where a keyword rule matches.
        ("区住房和城乡建设局完成老旧小区改造验收工作", ("zjj",)),
        ("区卫健委要实现“一网通办”事项全覆盖", ("wjw",)),
        ("区住建局、区城管局完成背街小巷整治", ("zjj", "cgj")),
        ("区发展和改革委员会和区商务局完成项目申报", ("fgw", "swj")),
        ("由区住建局组织完成竣工验收", ("zjj",)),
    ],
)
def test_an_office_written_as_the_subject_leads(
    router: Router, text: str, lead: tuple[str, ...]
) -> None:
    t = router.route(_task(text))
    assert t.lead == lead
    assert t.owner_basis == "subject"


def test_an_office_named_later_in_the_text_is_not_the_subject(router: Router) -> None:
    # The owner is not written at the start: rules and the fallback decide, as before.
    t = router.route(_task("完成与区住建局的数据对接工作"))
    assert t.owner_basis != "subject"


def test_named_owners_still_win_over_the_subject(router: Router) -> None:
    t = router.route(_task("区住建局完成老旧小区改造", lead=("区城管局",)))
    assert t.lead == ("cgj",) and t.owner_basis == "explicit"


def test_a_short_form_two_offices_share_names_neither(tmp_path: Path) -> None:
    """区市管局 abbreviates 区市场监督管理局 and 区市政管理局 alike: no guess, the name is unknown."""
    config = yaml.safe_load(
        (Path(__file__).resolve().parents[1] / "config.yaml").read_text(encoding="utf-8")
    )
    config["offices"] += [
        {"id": "scj", "name": "区市场监督管理局", "email": ["scj@example.gov.cn"]},
        {"id": "szj", "name": "区市政管理局", "email": ["szj@example.gov.cn"]},
    ]
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    router = Router(load_config(path))
    assert router.office_for("区市场监管局") == "scj"
    assert router.office_for("区市管局") is None
    t = router.route(_task("完成农贸市场改造", lead=("区市管局",)))
    assert (t.lead, t.owner_basis, t.unknown_owners) == (("ducha",), "fallback", ("区市管局",))


def test_an_office_written_as_the_subject_by_a_short_form_or_not_configured(
    router: Router,
) -> None:
    t = router.route(_task("区应急局牵头开展节前安全生产大检查"))
    assert (t.lead, t.owner_basis, t.unknown_owners) == (("yjj",), "subject", ())
    t = router.route(_task("区财政局要在12月15日前拨付补贴资金"))
    assert (t.lead, t.owner_basis, t.unknown_owners) == (("ducha",), "fallback", ("区财政局",))
    t = router.route(_task("区财政局要做好政务服务大厅改造资金保障"))
    assert (t.lead, t.owner_basis, t.unknown_owners) == (("zwfw",), "rule", ("区财政局",)), (
        "a rule still routes it; the unknown office is listed for the operator"
    )
    t = router.route(_task("各部门要认真做好岁末年初各项工作"))
    assert t.unknown_owners == ()


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("请共青团区委、各街道科协于4月14日前完成推荐工作", ("共青团区委", "各街道科协")),
        ("各供热单位9月底前全面完成设备检修", ("各供热单位",)),
        ("各供热单位的设备检修工作9月底前全面结束", ("各供热单位",)),  # their work
        (
            "市直各有关单位、各镇（乡）人民政府于每年9月10日前报送",
            ("市直各有关单位", "各镇乡人民政府"),
        ),
        ("各单位要于5月底前报送材料", ()),  # collective: no body to map
        ("各地各部门要加强协作", ()),
        ("我国将共有高等学校1000所", ()),  # no addressee: not listed
    ],
)
def test_bodies_written_as_the_subject_are_listed_when_not_configured(
    router: Router, text: str, unknown: tuple[str, ...]
) -> None:
    t = router.route(_task(text))
    assert t.unknown_owners == unknown
    assert t.offices  # held meanwhile (the fallback office unless a rule matches)


def test_a_subject_body_written_without_its_level_maps_to_its_office(router: Router) -> None:
    t = router.route(_task("人力资源和社会保障局要于5月底前完成技能培训"))
    assert (t.lead, t.owner_basis) == (("rsj",), "subject")


def test_work_the_issuer_speaks_of_as_its_own_is_the_issuers(router: Router) -> None:
    # the paragraph's subject is the document's own office; the dated sentence names none
    task = _task("每月25日前将包抓领导的批示进行汇总")
    routed = router.route_all([task], issuer="区生态环境局", voiced={1})
    assert routed[0].lead == ("sthj",) and routed[0].owner_basis == "issuer", routed[0]
    # an issuer not configured is listed for the operator, the fallback holds the task
    routed = router.route_all([task], issuer="某县环境保护办公室", voiced={1})
    assert routed[0].lead == (CONFIG.fallback_office,), routed[0]
    assert routed[0].unknown_owners == ("某县环境保护办公室",)
    # in the sentence itself, opening a clause
    task = _task("对发现的问题，我局高度重视，确保10月底前完成整改")
    assert router.route_all([task], issuer="区生态环境局")[0].lead == ("sthj",)


def test_the_issuer_is_no_owner_where_it_receives_or_addresses_others(router: Router) -> None:
    receives = _task("各街道于10月底前将自查报告报送我局")
    assert router.route_all([receives], issuer="区生态环境局")[0].owner_basis != "issuer"
    for text in ("请各单位于10月底前完成自查", "請各單位於10月底前完成自查"):
        addressed = _task(text)
        assert router.route_all([addressed], issuer="区生态环境局", voiced={1})[0].lead != ("sthj",)
    unvoiced = _task("每月25日前将批示进行汇总")
    assert router.route_all([unvoiced], issuer="区生态环境局")[0].owner_basis != "issuer"
    named = _task("区住建局每月25日前将批示进行汇总")  # its own subject wins
    assert router.route_all([named], issuer="区生态环境局", voiced={1})[0].lead == ("zjj",)


def test_traditional_script_routes_as_simplified(router: Router) -> None:
    routed = router.route(_task("區住建局將積極對接各鄉鎮，於3月10日前完成改造"))
    assert routed.lead == ("zjj",) and routed.owner_basis == "subject", routed
    assert routed.text.startswith("區住建局將")  # the task keeps its own text
    assert router.route(_task("完成改造", lead=("區住房和城鄉建設局",))).lead == ("zjj",)
