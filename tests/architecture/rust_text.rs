//! Rust source read as text: comments and literals blanked out, so what remains is code.

/// Replaces comments and string/char literals by spaces, keeping newlines, so braces and
/// paths are read from code only.
pub fn blank(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let keep = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    while i < c.len() {
        let rest = |k: usize| c.get(i + k).copied().unwrap_or('\0');
        let end = if c[i] == '/' && rest(1) == '/' {
            c[i..]
                .iter()
                .position(|&x| x == '\n')
                .map_or(c.len(), |n| i + n)
        } else if c[i] == '/' && rest(1) == '*' {
            block_comment_end(&c, i)
        } else if raw_string_starts(&c, i) {
            raw_string_end(&c, i)
        } else if c[i] == '"' {
            quoted_end(&c, i, '"')
        } else if c[i] == '\'' && (rest(1) == '\\' || rest(2) == '\'') {
            quoted_end(&c, i, '\'')
        } else {
            out.push(c[i]);
            i += 1;
            continue;
        };
        out.extend(c[i..end].iter().map(|&ch| keep(ch)));
        i = end;
    }
    out
}

/// Does a raw string (`r"…"`, `r#"…"#`, `br"…"`) open at `i`?
fn raw_string_starts(c: &[char], i: usize) -> bool {
    let after_prefix =
        i == 0 || !is_ident(c[i - 1]) || (c[i - 1] == 'b' && (i < 2 || !is_ident(c[i - 2])));
    let hashes = c[i + 1..].iter().take_while(|&&x| x == '#').count();
    c[i] == 'r' && after_prefix && c.get(i + 1 + hashes) == Some(&'"')
}

/// Can `ch` be part of an identifier?
pub fn is_ident(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// The index after the `*/` closing the (possibly nested) comment opening at `i`.
fn block_comment_end(c: &[char], mut i: usize) -> usize {
    let mut depth = 0;
    while i + 1 < c.len() {
        if c[i] == '/' && c[i + 1] == '*' {
            depth += 1;
            i += 2;
        } else if c[i] == '*' && c[i + 1] == '/' {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    c.len()
}

/// The index after the literal opening at `i` with `quote`, escapes honoured.
fn quoted_end(c: &[char], mut i: usize, quote: char) -> usize {
    i += 1;
    while i < c.len() {
        match c[i] {
            '\\' => i += 2,
            ch if ch == quote => return i + 1,
            _ => i += 1,
        }
    }
    c.len()
}

/// The index after the raw string `r#…"…"#…` opening at `i`.
fn raw_string_end(c: &[char], i: usize) -> usize {
    let hashes = c[i + 1..].iter().take_while(|&&x| x == '#').count();
    let mut at = i + 1 + hashes + 1;
    while at < c.len() {
        if c[at] == '"'
            && c[at + 1..]
                .iter()
                .take(hashes)
                .filter(|&&x| x == '#')
                .count()
                == hashes
        {
            return at + 1 + hashes;
        }
        at += 1;
    }
    c.len()
}
