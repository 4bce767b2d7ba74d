//! A small reader of zip archives, enough for Office files: the central
//! directory, stored and deflated members (inflated by `miniz_oxide`), with
//! a size limit so that a hostile archive cannot exhaust memory. Pure: bytes
//! in, a member's bytes or a sentence out.

/// The largest member we inflate (a Word document's XML is a few MB).
const LIMIT: usize = 256 << 20;

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    b.get(at..at + 2)
        .map(|s| u16::from_le_bytes([s[0], s[1]]) as usize)
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
}

/// One member of the central directory.
struct Entry<'a> {
    name: &'a [u8],
    method: usize,
    size: usize,
    packed: usize,
    local: usize,
}

fn entries(b: &[u8]) -> Result<Vec<Entry<'_>>, String> {
    // The end-of-central-directory record: the last "PK\x05\x06", within
    // the 22 bytes of the record and 65,535 of a comment.
    let from = b.len().saturating_sub(22 + 65_535);
    let eocd = (from..b.len().saturating_sub(21))
        .rev()
        .find(|&i| b[i..].starts_with(b"PK\x05\x06"))
        .ok_or("not a zip archive (no central directory): is it really a .docx?")?;
    let count = u16_at(b, eocd + 10).unwrap_or(0);
    let mut at = u32_at(b, eocd + 16).unwrap_or(usize::MAX);
    if at == 0xFFFF_FFFF {
        return Err("a zip64 archive: save it again from Word as a .docx".into());
    }
    let mut out = Vec::with_capacity(count.min(4096));
    for _ in 0..count {
        if !b.get(at..).is_some_and(|s| s.starts_with(b"PK\x01\x02")) {
            return Err("the zip's central directory is damaged".into());
        }
        let field = |o: usize| u16_at(b, at + o).ok_or("the zip's central directory is cut short");
        let method = field(10)?;
        let packed = u32_at(b, at + 20).ok_or("cut short")?;
        let size = u32_at(b, at + 24).ok_or("cut short")?;
        let (name_len, extra, comment) = (field(28)?, field(30)?, field(32)?);
        let local = u32_at(b, at + 42).ok_or("cut short")?;
        let name = b
            .get(at + 46..at + 46 + name_len)
            .ok_or("the zip's central directory is cut short")?;
        out.push(Entry {
            name,
            method,
            size,
            packed,
            local,
        });
        at += 46 + name_len + extra + comment;
    }
    Ok(out)
}

/// The bytes of the member called `name`, or `None` when the archive has
/// no such member.
pub fn member(b: &[u8], name: &str) -> Result<Option<Vec<u8>>, String> {
    let Some(e) = entries(b)?.into_iter().find(|e| e.name == name.as_bytes()) else {
        return Ok(None);
    };
    if !b
        .get(e.local..)
        .is_some_and(|s| s.starts_with(b"PK\x03\x04"))
    {
        return Err(format!("{name}: the zip member's header is damaged"));
    }
    let skip = 30 + u16_at(b, e.local + 26).unwrap_or(0) + u16_at(b, e.local + 28).unwrap_or(0);
    let data = b
        .get(e.local + skip..e.local + skip + e.packed)
        .ok_or_else(|| format!("{name}: the zip member is cut short"))?;
    if e.size > LIMIT {
        return Err(format!(
            "{name}: {} bytes unpacked is more than a document holds",
            e.size
        ));
    }
    match e.method {
        0 => Ok(Some(data.to_vec())),
        8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, LIMIT)
            .map(Some)
            .map_err(|_| format!("{name}: the zip member cannot be inflated (damaged, or larger than {LIMIT} bytes)")),
        m => Err(format!("{name}: zip compression method {m} is not read; save it again from Word")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip with one stored member, built by hand per the format.
    fn stored(name: &str, data: &[u8]) -> Vec<u8> {
        let mut z = Vec::new();
        let local = |z: &mut Vec<u8>| {
            z.extend(b"PK\x03\x04");
            z.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            z.extend(0u32.to_le_bytes()); // crc (not checked)
            z.extend((data.len() as u32).to_le_bytes());
            z.extend((data.len() as u32).to_le_bytes());
            z.extend((name.len() as u16).to_le_bytes());
            z.extend(0u16.to_le_bytes());
            z.extend(name.as_bytes());
            z.extend(data);
        };
        local(&mut z);
        let cd = z.len();
        z.extend(b"PK\x01\x02");
        z.extend([20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        z.extend(0u32.to_le_bytes());
        z.extend((data.len() as u32).to_le_bytes());
        z.extend((data.len() as u32).to_le_bytes());
        z.extend((name.len() as u16).to_le_bytes());
        z.extend([0u8; 12]);
        z.extend(0u32.to_le_bytes()); // local header at 0
        z.extend(name.as_bytes());
        let cd_len = z.len() - cd;
        z.extend(b"PK\x05\x06");
        z.extend([0u8; 4]);
        z.extend(1u16.to_le_bytes());
        z.extend(1u16.to_le_bytes());
        z.extend((cd_len as u32).to_le_bytes());
        z.extend((cd as u32).to_le_bytes());
        z.extend(0u16.to_le_bytes());
        z
    }

    #[test]
    fn members_and_damage() {
        let z = stored("word/document.xml", "<w:t>Kế hoạch</w:t>".as_bytes());
        assert_eq!(
            member(&z, "word/document.xml").unwrap().as_deref(),
            Some("<w:t>Kế hoạch</w:t>".as_bytes())
        );
        assert_eq!(member(&z, "word/numbering.xml").unwrap(), None);
        // Every truncation is an error or a missing member, never a panic.
        for n in 0..z.len() {
            let _ = member(&z[..n], "word/document.xml");
        }
        assert!(member(b"not a zip", "x").is_err());
    }
}
