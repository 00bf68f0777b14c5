#!/usr/bin/env python3
"""Generated inputs for the scaling benchmark (scripts/bench.sh).

sections N OUT_DIR   two reports of N sections (10 parts > 10 chapters > items
                     numbered 1., 2., ...); in the new one part 3 is reworded.
oneline MB OUT_DIR   two one-line reports of MB megabytes; every 5,000th
                     character of the new one is changed.
nested DEPTH OUT_DIR an HTML page with DEPTH nested <div> around a report.
"""
import random
import sys
from pathlib import Path

WORDS = ("坚持 推进 高质量 发展 改革 开放 创新 驱动 产业 升级 民生 保障 就业 稳定 生态 环境 保护 "
         "乡村 振兴 城市 更新 数字 经济 营商 环境 优化 科技 自立 自强 教育 医疗 养老 住房 交通 "
         "基础 设施 建设 财政 金融 风险 防范 安全 生产 社会 治理 文化 繁荣 人才 引进 消费 扩大 "
         "投资 项目 外贸 稳定 增长 制造业 服务业 农业 现代化 体系 能力 水平 提升 完善 机制").split()
NUMERALS = "一二三四五六七八九十"


def sentence(rng, n=18):
    return "".join(rng.choice(WORDS) for _ in range(n)) + "。"


def sections(n, out):
    items = max(1, n // 110)
    for side in ("old", "new"):
        lines = ["2025年某市政府工作报告", "各位代表：", "现在，我代表市人民政府，向大会报告工作，请予审议。"]
        for p in range(10):
            lines.append(f"{NUMERALS[p]}、第{p + 1}部分工作")
            for c in range(10):
                lines.append(f"（{NUMERALS[c]}）第{p + 1}部分第{c + 1}方面")
                for k in range(items):
                    rng = random.Random(p * 100_000 + c * 1_000 + k)
                    body = sentence(rng) + sentence(rng)
                    if side == "new" and p == 2:
                        body = body.replace("推进", "加快")
                    lines.append(f"{k + 1}.第{k + 1}项任务。{body}")
        lines.append("各位代表！让我们团结奋斗。")
        Path(out, f"sections-{n}-{side}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def oneline(mb, out):
    rng = random.Random(mb)
    chunks, size = ["2025年某市政府工作报告 各位代表："], 0
    while size < mb * 1_000_000:
        s = sentence(rng, 30)
        chunks.append(s)
        size += len(s.encode())
    old = "".join(chunks)
    new = list(old)
    for i in range(100, len(new), 5000):
        new[i] = "改"
    Path(out, f"oneline-{mb}-old.txt").write_text(old, encoding="utf-8")
    Path(out, f"oneline-{mb}-new.txt").write_text("".join(new), encoding="utf-8")


def nested(depth, out):
    rng = random.Random(depth)
    body = "".join(f"<p>{sentence(rng)}</p>" for _ in range(200))
    page = f"<html><body>{'<div>' * depth}<p>2025年某市政府工作报告</p>{body}{'</div>' * depth}</body></html>"
    Path(out, f"nested-{depth}.html").write_text(page, encoding="utf-8")


if __name__ == "__main__":
    kind, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    Path(out).mkdir(parents=True, exist_ok=True)
    {"sections": sections, "oneline": oneline, "nested": nested}[kind](size, out)
