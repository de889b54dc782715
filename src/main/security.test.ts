// The IPC sender check on the URL shapes Chromium produces for our own page on each OS, compared with
// the renderer folder main derives from import.meta.url. Before the fix, a Windows drive letter spelled
// differently, a UNC share, or a folder name with `#` or `%` made every call "forbidden-sender".

import { describe, expect, it } from 'vitest';
import { createTrustedUrl, fileUrlKey, filePathKey, isExternalLinkAllowed } from './security';

describe('createTrustedUrl on Windows-shaped paths', () => {
  it('accepts the page whatever the drive letter case and the path case', () => {
    const trusted = createTrustedUrl('c:\\Program Files\\VRAM Planner\\resources\\app.asar\\out\\renderer', null);
    expect(trusted('file:///C:/Program%20Files/VRAM%20Planner/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(trusted('file:///c:/program%20files/vram%20planner/resources/app.asar/out/renderer/print.html')).toBe(true);
    expect(trusted('file:///C:/Program%20Files/VRAM%20Planner/resources/app.asar/out/renderer-evil/index.html')).toBe(false);
    expect(trusted('file:///D:/Program%20Files/VRAM%20Planner/resources/app.asar/out/renderer/index.html')).toBe(false);
  });

  it('accepts a UNC install and refuses another server or share', () => {
    const trusted = createTrustedUrl('\\\\FileServer\\Apps\\VRAM Planner\\resources\\app.asar\\out\\renderer', null);
    expect(trusted('file://fileserver/Apps/VRAM%20Planner/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(trusted('file://otherserver/Apps/VRAM%20Planner/resources/app.asar/out/renderer/index.html')).toBe(false);
    expect(trusted('file:///Apps/VRAM%20Planner/resources/app.asar/out/renderer/index.html')).toBe(false);
  });

  it('handles # and % in folder names, escaped as Chromium escapes them', () => {
    const trusted = createTrustedUrl('C:\\Users\\Kenji\\Apps #2\\100% local\\out\\renderer', null);
    expect(trusted('file:///C:/Users/Kenji/Apps%20%232/100%25%20local/out/renderer/index.html')).toBe(true);
    // Unescaped, "#2…" is a fragment: the path ends at "Apps " and is not ours.
    expect(trusted('file:///C:/Users/Kenji/Apps #2/100% local/out/renderer/index.html')).toBe(false);
  });
});

describe('createTrustedUrl on macOS- and Linux-shaped paths', () => {
  it('accepts a macOS bundle path with spaces and Japanese, composed or decomposed', () => {
    const dir = '/Applications/VRAM Planner テスト.app/Contents/Resources/app.asar/out/renderer';
    const trusted = createTrustedUrl(dir.normalize('NFD'), null);
    const url = new URL(`file://${encodeURI(dir)}/index.html`).href;
    expect(trusted(url)).toBe(true);
    // macOS paths are case-sensitive enough that we never fold them.
    expect(trusted(url.replace('Applications', 'applications'))).toBe(false);
  });

  it('accepts a Linux path with #, and refuses traversal and lookalikes', () => {
    const trusted = createTrustedUrl('/opt/VRAM #1/resources/app.asar/out/renderer', 'http://localhost:5173');
    expect(trusted('file:///opt/VRAM%20%231/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(trusted('file:///opt/VRAM%20%231/resources/app.asar/out/renderer/../../../secret.html')).toBe(false);
    expect(trusted('file:///opt/VRAM%20%231/resources/app.asar/out/renderer%2F..%2F..%2Fsecret.html')).toBe(false);
    expect(trusted('file:///opt/VRAM%20%231/resources/app.asar/out/renderer')).toBe(false);
    expect(trusted('file:///OPT/VRAM%20%231/resources/app.asar/out/renderer/index.html')).toBe(false);
    expect(trusted('http://localhost:5173/index.html')).toBe(true);
    expect(trusted('https://localhost:5173.evil.com/')).toBe(false);
  });

  it('keys a path and its URL the same way', () => {
    expect(fileUrlKey('file:///C:/A%20B/x')).toEqual(filePathKey('c:\\a b\\X'));
    expect(fileUrlKey('not a url')).toBeNull();
    expect(fileUrlKey('https://example.com/')).toBeNull();
  });
});

describe('window.open policy', () => {
  it('opens nothing the app does not itself link to', () => {
    expect(isExternalLinkAllowed('https://example.com/')).toBe(false);
    expect(isExternalLinkAllowed('https://huggingface.co/meta-llama')).toBe(false);
    expect(isExternalLinkAllowed('https://huggingface.co/x', ['huggingface.co'])).toBe(true);
    expect(isExternalLinkAllowed('http://huggingface.co/x', ['huggingface.co'])).toBe(false);
    expect(isExternalLinkAllowed('https://huggingface.co.evil.com/x', ['huggingface.co'])).toBe(false);
    expect(isExternalLinkAllowed('https://user@huggingface.co/x', ['huggingface.co'])).toBe(false);
    expect(isExternalLinkAllowed('file:///etc/passwd', ['huggingface.co'])).toBe(false);
  });
});
