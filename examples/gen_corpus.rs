//! Writes N realistic plans in the seeds' style into DIR (a kehoach site:
//! config.toml, content/plans/, content/bodies.toml), for benchmarks.
//!
//! Usage: cargo run --release --example gen_corpus -- N DIR
//! Deterministic: the same N gives the same files.

use std::fmt::Write as _;
use std::path::PathBuf;

/// A small deterministic generator (xorshift), no dependency needed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const ISSUERS: &[(&str, &str, &str)] = &[
    ("Ban Thường vụ Tỉnh ủy", "TU", "tinh"),
    ("Ban Thường vụ Đảng ủy Khối", "ĐUK", "khoi"),
    ("Ban Thường vụ Đảng ủy", "ĐU", "du"),
    ("Ban Thường vụ Huyện ủy", "HU", "huyen"),
];
const PLACES: &[&str] = &["Hà Nội", "Quy Nhơn", "Tam Kỳ", "Lào Cai", "Huế", "Cần Thơ"];
const TOPICS: &[&str] = &[
    "tiếp tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng đối với hệ thống chính trị trong giai đoạn mới",
    "tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên",
    "đẩy mạnh tuyên truyền về công tác xây dựng Đảng và hệ thống chính trị",
    "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    "công tác bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch",
];
const BODIES: &[&str] = &[
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Đảng ủy Ủy ban nhân dân tỉnh",
    "Các huyện ủy, thị ủy, thành ủy",
];
const DEADLINES: &[&str] = &[
    "(*hoàn thành trong quý III năm 2023*)",
    "(*trong tháng 12/2022*)",
    "(*hoàn thành trong năm 2024*)",
    "(*thực hiện thường xuyên*)",
    "(*trước ngày 30/6/2025*)",
    "(*hằng năm*)",
];
const SIGNERS: &[&str] = &[
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Hồng",
    "Phạm Minh Châu",
    "Võ Thị Dung",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: gen_corpus N DIR");
        std::process::exit(2);
    }
    let n: usize = args[1].parse().expect("N is a number");
    let dir = PathBuf::from(&args[2]);
    let plans = dir.join("content/plans");
    std::fs::create_dir_all(&plans).expect("create DIR/content/plans");
    std::fs::write(dir.join("config.toml"), "title = \"Corpus\"\n").expect("write config");
    std::fs::write(
        dir.join("content/bodies.toml"),
        BODIES
            .iter()
            .enumerate()
            .map(|(i, b)| format!("[[body]]\nid = \"b{i}\"\nname = \"{b}\"\n\n"))
            .collect::<String>(),
    )
    .expect("write bodies");
    let mut rng = Rng(0x9e3779b97f4a7c15);
    // Numbers: (number, code, date) of every plan, so later plans cite earlier ones.
    let mut made: Vec<(String, String)> = Vec::with_capacity(n);
    for i in 0..n {
        let (issuer, code, folder) = ISSUERS[rng.below(ISSUERS.len())];
        let num = i + 1;
        let y = 2018 + (i * 8 / n.max(1)) as u32;
        let (m, d) = (1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
        let number = format!("{num}-KH/{code}");
        let topic = rng.pick(TOPICS);
        let mut t = String::with_capacity(8000);
        let _ = writeln!(
            t,
            "{}, ngày {d:02} tháng {m:02} năm {y}\n\n\\*\nSố {num} - KH/{code}\n\nKẾ HOẠCH\n\nthực hiện Nghị quyết số {}-NQ/TW về {topic}\n",
            rng.pick(PLACES),
            10 + i % 50
        );
        let _ = write!(
            t,
            "Thực hiện Nghị quyết số {}-NQ/TW ngày 17/11/2022 của Ban Chấp hành Trung ương Đảng khóa XIII về {topic}",
            10 + i % 50
        );
        if let Some((pn, pd)) = (i > 0).then(|| made[rng.below(i)].clone()) {
            let _ = write!(t, ", Kế hoạch số {pn} ngày {pd} của {}", ISSUERS[0].0);
        }
        let _ = writeln!(t, ", {issuer} ban hành Kế hoạch thực hiện như sau:\n");
        let _ = writeln!(
            t,
            "## I. MỤC ĐÍCH, YÊU CẦU\n\n1. Nâng cao nhận thức, trách nhiệm của cấp ủy, tổ chức đảng, cán bộ, đảng viên về {topic}.\n\n2. Xác định nhiệm vụ, giải pháp cụ thể, thiết thực, phù hợp với tình hình của cơ quan, đơn vị.\n"
        );
        let _ = writeln!(t, "## II. NHIỆM VỤ, GIẢI PHÁP\n");
        for k in 0..(6 + rng.below(6)) {
            let _ = writeln!(
                t,
                "{}. {} chủ trì, phối hợp với {} tham mưu triển khai thực hiện Quy định số {}-QĐ/TW, Kết luận số {}-KL/TW của Bộ Chính trị; tổ chức quán triệt, tuyên truyền sâu rộng trong cán bộ, đảng viên và nhân dân {}.\n",
                k + 1,
                rng.pick(BODIES),
                rng.pick(BODIES),
                20 + rng.below(n / 8 + 50),
                1 + rng.below(n / 8 + 50),
                rng.pick(DEADLINES)
            );
            let _ = writeln!(
                t,
                "- Rà soát, bổ sung quy chế làm việc; nâng cao chất lượng sinh hoạt chi bộ; kiểm tra, giám sát việc thực hiện.\n- Định kỳ báo cáo kết quả về {issuer}.\n"
            );
        }
        let _ = writeln!(
            t,
            "## III. TỔ CHỨC THỰC HIỆN\n\n1. Các cấp ủy trực thuộc căn cứ Kế hoạch này xây dựng kế hoạch thực hiện cụ thể.\n\n2. Văn phòng chủ trì theo dõi, đôn đốc, định kỳ báo cáo.\n"
        );
        let _ = writeln!(
            t,
            "Nơi nhận:\n\n- {} (để b/c),\n- Các cấp ủy trực thuộc,\n- Lưu VP.\n\nT/M BAN THƯỜNG VỤ\n\nBÍ THƯ\n\n{}",
            ISSUERS[0].0,
            rng.pick(SIGNERS)
        );
        let sub = plans.join(folder).join(format!("{}", i / 1000));
        std::fs::create_dir_all(&sub).expect("create folder");
        std::fs::write(sub.join(format!("kh-{num}.md")), t).expect("write plan");
        made.push((number, format!("{d:02}/{m:02}/{y}")));
    }
    eprintln!("wrote {n} plans under {}", plans.display());
}
