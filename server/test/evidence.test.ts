import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  auditEntries,
  evidence as evidenceTable,
  evidenceBlobs,
  reportAccessLog,
  reports,
} from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { activeEvent, addToTeam, submitReport, type Submitted } from './support/reports.js';
import {
  caller,
  member,
  organization,
  systemAdmin,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

type Evidence = {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: { id: string; name: string } | null;
  byReporter: boolean;
  createdAt: string;
  downloadUrl: string | null;
  can: { delete: boolean };
};

// Files built here, byte by byte: what phones and laptops send, and what must never pass.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const text = Buffer.from('14:02 they said it again.\n14:05 I left the room. Ünïcödé ✓\n');
const elf = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
  Buffer.alloc(8),
  Buffer.from([2, 0, 0x3e, 0, 1, 0, 0, 0]),
  Buffer.alloc(40),
]);
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126), Buffer.from('PE\0\0')]);
const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script>');
const svg = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>',
);
const xmlSvg = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
);

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('evidence', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let org: OrgFixture;
  let other: OrgFixture;
  let eventAdmin: Signed;
  let responder: Signed;
  let assignee: Signed;
  let author: Signed;
  let stranger: Signed;
  let otherEventResponder: Signed;
  let otherOrgResponder: Signed;
  let orgViewer: Signed;
  let ev: { id: string };
  let otherEvent: { id: string };
  let report: Submitted;
  let otherReport: Submitted;

  const upload = (
    cookie: string | null,
    reportId: string,
    data: Buffer,
    name?: string,
    contentType = 'application/octet-stream',
  ) =>
    call(
      cookie,
      'POST',
      `/api/reports/${reportId}/evidence${name === undefined ? '' : `?name=${encodeURIComponent(name)}`}`,
      data,
      { 'content-type': contentType },
    );

  const uploaded = async (cookie: string, reportId: string, data: Buffer, name?: string) => {
    const res = await upload(cookie, reportId, data, name);
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { evidence: Evidence }).evidence;
  };

  const list = async (cookie: string, reportId = report.id) => {
    const res = await call(cookie, 'GET', `/api/reports/${reportId}/evidence`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Evidence[] }).items;
  };

  const download = (cookie: string | null, id: string) =>
    call(cookie, 'GET', `/api/evidence/${id}/download`);

  const remove = (cookie: string | null, id: string, reason?: string) =>
    call(cookie, 'DELETE', `/api/evidence/${id}`, reason ? { reason } : undefined);

  const audits = (evidenceId: string, action: string) =>
    ctx.database.db
      .select()
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.targetType, 'evidence'),
          eq(auditEntries.targetId, evidenceId),
          eq(auditEntries.action, action),
          eq(auditEntries.outcome, 'success'),
        ),
      );

  const updatedAt = async (reportId: string) => {
    const [row] = await ctx.database.db
      .select({ at: reports.updatedAt })
      .from(reports)
      .where(eq(reports.id, reportId));
    return row!.at.getTime();
  };

  const stored = async (reportId: string) => {
    const rows = await ctx.database.db
      .select()
      .from(evidenceTable)
      .where(eq(evidenceTable.reportId, reportId));
    const blobs = await ctx.database.db.select({ key: evidenceBlobs.key }).from(evidenceBlobs);
    return { rows, blobCount: blobs.length };
  };

  const assign = async (reportId: string, who: Signed) => {
    const res = await call(eventAdmin.cookie, 'POST', `/api/reports/${reportId}/assignees`, {
      userId: who.id,
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    other = await organization(ctx, sys);
    eventAdmin = await member(ctx, 'Eve Eventadmin', { twoFactor: true });
    responder = await member(ctx, 'Ron Responder');
    assignee = await member(ctx, 'Ali Assignee');
    author = await member(ctx, 'Ada Author');
    stranger = await member(ctx, 'Sue Stranger');
    otherEventResponder = await member(ctx, 'Otto Otherevent');
    otherOrgResponder = await member(ctx, 'Oren Otherorg');
    orgViewer = await member(ctx, 'Vic Viewer');
    ev = await activeEvent(ctx, org, { reportIntake: 'anonymous' });
    await addToTeam(ctx, org, ev.id, eventAdmin, 'event_admin');
    await addToTeam(ctx, org, ev.id, responder, 'responder');
    await addToTeam(ctx, org, ev.id, assignee, 'reporter');
    await addToTeam(ctx, org, ev.id, author, 'reporter');
    otherEvent = await activeEvent(ctx, org);
    await addToTeam(ctx, org, otherEvent.id, otherEventResponder, 'responder');
    const elsewhere = await activeEvent(ctx, other);
    await addToTeam(ctx, other, elsewhere.id, otherOrgResponder, 'responder');
    const viewer = await call(org.orgAdmin.cookie, 'POST', `/api/organizations/${org.id}/team`, {
      email: orgViewer.who.email,
      role: 'org_viewer',
    });
    expect(viewer.statusCode, viewer.body).toBeLessThan(300);
    report = await submitReport(ctx, ev.id, author.cookie);
    await assign(report.id, assignee);
    otherReport = await submitReport(ctx, otherEvent.id, org.orgAdmin.cookie);
  });
  afterAll(() => ctx.close());

  it('keeps a file under the type its bytes say, with its hash, and audits the upload', async () => {
    const before = await updatedAt(report.id);
    const picture = await uploaded(author.cookie, report.id, png, 'notes.txt');
    expect(picture).toMatchObject({
      fileName: 'notes.txt.png',
      contentType: 'image/png',
      size: png.length,
      uploadedBy: { id: author.id, name: 'Ada Author' },
      byReporter: true,
      downloadUrl: `/api/evidence/${picture.id}/download`,
      can: { delete: true },
    });
    expect(await updatedAt(report.id)).toBeGreaterThan(before);

    // The declared Content-Type is ignored, whatever it claims (even JSON or text).
    const res = await upload(responder.cookie, report.id, pdf, 'statement.pdf', 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as { evidence: Evidence }).evidence).toMatchObject({
      fileName: 'statement.pdf',
      contentType: 'application/pdf',
      uploadedBy: { id: responder.id },
      byReporter: false,
    });
    const chat = await upload(assignee.cookie, report.id, text, 'chat log.txt', 'text/plain');
    expect(chat.statusCode, chat.body).toBe(201);
    expect((chat.json() as { evidence: Evidence }).evidence).toMatchObject({
      fileName: 'chat log.txt',
      contentType: 'text/plain',
    });
    const json = await upload(
      author.cookie,
      report.id,
      Buffer.from('{"a": 1}'),
      'x.json',
      'application/json',
    );
    expect(json.statusCode, json.body).toBe(201);
    expect((json.json() as { evidence: Evidence }).evidence).toMatchObject({
      fileName: 'x.json.txt',
      contentType: 'text/plain',
    });

    const [row] = (await stored(report.id)).rows.filter((r) => r.id === picture.id);
    expect(row).toMatchObject({ sha256: sha256(png), uploaderId: author.id });
    // The key is random, never the file name.
    expect(row!.storageKey).toMatch(/^[0-9a-f]{32}$/);

    const [entry] = await audits(picture.id, 'report.evidence.upload');
    expect(entry).toMatchObject({
      actorId: author.id,
      scopeType: 'event',
      scopeId: ev.id,
      after: { contentType: 'image/png', size: png.length },
    });
  });

  it('refuses executables, web pages, SVG and empty files, and keeps nothing of them', async () => {
    const before = await stored(report.id);
    for (const [data, name] of [
      [elf, 'holiday.jpg'],
      [exe, 'statement.pdf'],
      [html, 'screenshot.jpg'],
      [svg, 'drawing.png'],
      [xmlSvg, 'drawing.svg'],
      [Buffer.from('not UTF-8 but UTF-16\n', 'utf16le'), 'utf16.txt'],
      [Buffer.from([0x68, 0xe9, 0x6c, 0x6c, 0x6f]), 'latin1.txt'],
    ] as const) {
      const res = await upload(author.cookie, report.id, data, name, 'image/jpeg');
      expect(res.statusCode, `${name}: ${res.body}`).toBe(415);
      expect(res.json()).toMatchObject({
        error: { code: 'unsupported_media_type', message: expect.stringMatching(/PDF/) },
      });
    }
    const empty = await upload(author.cookie, report.id, Buffer.alloc(0), 'empty.png');
    expect(empty.statusCode, empty.body).toBe(400);
    expect(empty.json()).toMatchObject({ error: { code: 'validation_failed' } });
    const none = await call(author.cookie, 'POST', `/api/reports/${report.id}/evidence`);
    expect(none.statusCode, none.body).toBe(400);

    const after = await stored(report.id);
    expect(after.rows).toHaveLength(before.rows.length);
    expect(after.blobCount).toBe(before.blobCount);
  });

  it('refuses a file over 20 MB (the default limit) with 413', async () => {
    const max = 20 * 1024 * 1024;
    const over = await upload(author.cookie, report.id, Buffer.alloc(max + 1, 'a'), 'big.txt');
    expect(over.statusCode, over.body).toBe(413);
    expect(over.json()).toMatchObject({
      error: { code: 'payload_too_large', message: expect.stringMatching(/at most 20 MB/) },
    });
  });

  // Needs server/src/app.ts to pass config.evidenceMaxBytes to the evidence routes.
  it('refuses a file over the configured limit with 413', async () => {
    const small = await createTestApp({ ...roomyLimits, EVIDENCE_MAX_BYTES: '2048' });
    try {
      const sys2 = await systemAdmin(small);
      const org2 = await organization(small, sys2);
      const ev2 = await activeEvent(small, org2);
      const mine = await submitReport(small, ev2.id, org2.orgAdmin.cookie);
      const send = (data: Buffer) =>
        caller(small)(
          org2.orgAdmin.cookie,
          'POST',
          `/api/reports/${mine.id}/evidence?name=a.txt`,
          data,
          {
            'content-type': 'text/plain',
          },
        );
      const fits = await send(Buffer.alloc(2048, 'a'));
      expect(fits.statusCode, fits.body).toBe(201);
      const over = await send(Buffer.alloc(2049, 'a'));
      expect(over.statusCode, over.body).toBe(413);
      expect(over.json()).toMatchObject({
        error: { code: 'payload_too_large', message: expect.stringMatching(/at most 2 KB/) },
      });
      // Far over: refused before it is read to the end.
      const huge = await send(Buffer.alloc(1024 * 1024, 'a'));
      expect(huge.statusCode).toBe(413);
      expect(huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    } finally {
      await small.close();
    }
  });

  it('sanitizes file names', async () => {
    const names = async (data: Buffer, name: string) =>
      (await uploaded(author.cookie, report.id, data, name)).fileName;
    expect(await names(text, '../../etc/passwd')).toBe('passwd.txt');
    expect(await names(text, '..\\..\\Windows\\win.ini')).toBe('win.ini.txt');
    expect(await names(png, 'a\u0000b\u0007c\u202Egnp.exe')).toBe('abcgnp.exe.png');
    expect(await names(png, '<script>alert(1)</script>.png')).toBe('script.png');
    expect(await names(png, '...')).toBe('evidence.png');
    expect(await names(png, '📷')).toBe('evidence.png');
    expect(await names(pdf, 'Zeugenaussage – Müller (2).PDF')).toBe('Zeugenaussage Müller (2).PDF');
    const long = await names(png, `${'x'.repeat(300)}.png`);
    expect(long).toHaveLength(120);
    expect(long).toMatch(/^x+\.png$/);
    const longNoExt = await names(png, 'ü'.repeat(300));
    expect(Array.from(longNoExt)).toHaveLength(120);
    expect(longNoExt.endsWith('.png')).toBe(true);
    const unnamed = await uploaded(author.cookie, report.id, pdf);
    expect(unnamed.fileName).toBe('evidence.pdf');
  });

  it('downloads as a sandboxed attachment, byte for byte, and logs the view', async () => {
    const doc = await uploaded(author.cookie, report.id, pdf, 'Zeugenaussage Müller "final".pdf');
    expect(doc.fileName).toBe('Zeugenaussage Müller final.pdf');
    const res = await download(responder.cookie, doc.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="Zeugenaussage M_ller final.pdf"; filename*=UTF-8''Zeugenaussage%20M%C3%BCller%20final.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'; sandbox",
    });

    const txt = await uploaded(author.cookie, report.id, text, 'chat.txt');
    const t = await download(author.cookie, txt.id);
    expect(t.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(t.rawPayload.equals(text)).toBe(true);

    const log = await ctx.database.db
      .select()
      .from(reportAccessLog)
      .where(and(eq(reportAccessLog.reportId, report.id), eq(reportAccessLog.targetId, doc.id)));
    expect(log).toEqual([
      expect.objectContaining({ userId: responder.id, what: 'evidence', via: expect.any(String) }),
    ]);
  });

  it('opens evidence to exactly those who may view the report', async () => {
    const file = await uploaded(author.cookie, report.id, png, 'who.png');
    for (const [who, signed] of Object.entries({
      author,
      assignee,
      responder,
      eventAdmin,
      'the org admin': org.orgAdmin,
    })) {
      expect((await download(signed.cookie, file.id)).statusCode, who).toBe(200);
      expect(
        (await list(signed.cookie)).map((e) => e.id),
        who,
      ).toContain(file.id);
    }
    for (const [who, signed] of Object.entries({
      stranger,
      'a responder of another event': otherEventResponder,
      'a responder of another organization': otherOrgResponder,
      'an org_viewer': orgViewer,
      'a system admin without an event role': sys,
    })) {
      const res = await download(signed.cookie, file.id);
      expect(res.statusCode, who).toBe(404);
      expect(res.json(), who).toMatchObject({
        error: { code: 'not_found', message: 'No such evidence.' },
      });
      expect(
        (await call(signed.cookie, 'GET', `/api/reports/${report.id}/evidence`)).statusCode,
      ).toBe(404);
      expect((await upload(signed.cookie, report.id, png, 'x.png')).statusCode, who).toBe(404);
      expect((await remove(signed.cookie, file.id)).statusCode, who).toBe(404);
    }
    // A responder of another event asking for this event's evidence by id: the same 404 as none.
    const elsewhere = await uploaded(org.orgAdmin.cookie, otherReport.id, png, 'elsewhere.png');
    expect((await download(responder.cookie, elsewhere.id)).statusCode).toBe(404);
    expect(
      (await download(responder.cookie, '00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    expect((await download(responder.cookie, 'not-a-uuid')).statusCode).toBe(404);

    for (const res of [
      await download(null, file.id),
      await call(null, 'GET', `/api/reports/${report.id}/evidence`),
      await upload(null, report.id, png, 'x.png'),
      await remove(null, file.id),
    ]) {
      expect(res.statusCode, res.body).toBe(401);
    }
  });

  it('hides unassigned reports’ evidence from responders where responderScope is assigned', async () => {
    const scoped = await activeEvent(ctx, org, { responderScope: 'assigned' });
    await addToTeam(ctx, org, scoped.id, responder, 'responder');
    const scopedReport = await submitReport(ctx, scoped.id, org.orgAdmin.cookie);
    const file = await uploaded(org.orgAdmin.cookie, scopedReport.id, png, 'scoped.png');
    expect((await download(responder.cookie, file.id)).statusCode).toBe(404);
    expect(
      (await call(responder.cookie, 'GET', `/api/reports/${scopedReport.id}/evidence`)).statusCode,
    ).toBe(404);
    expect((await upload(responder.cookie, scopedReport.id, png)).statusCode).toBe(404);

    const res = await call(
      org.orgAdmin.cookie,
      'POST',
      `/api/reports/${scopedReport.id}/assignees`,
      {
        userId: responder.id,
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect((await download(responder.cookie, file.id)).statusCode).toBe(200);
    expect((await list(responder.cookie, scopedReport.id)).map((e) => e.id)).toEqual([file.id]);
  });

  it('lets uploaders delete their own, event admins any, and nobody else', async () => {
    const authors = await uploaded(author.cookie, report.id, png, 'mine.png');
    const responders = await uploaded(responder.cookie, report.id, pdf, 'theirs.pdf');

    const asResponder = (await list(responder.cookie)).find((e) => e.id === authors.id)!;
    expect(asResponder.can.delete).toBe(false);
    const denied = await remove(responder.cookie, authors.id);
    expect(denied.statusCode, denied.body).toBe(403);
    const refusals = await ctx.database.db
      .select()
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.targetId, authors.id),
          eq(auditEntries.action, 'report.evidence.delete'),
          eq(auditEntries.outcome, 'denied'),
        ),
      );
    expect(refusals).toEqual([expect.objectContaining({ actorId: responder.id, scopeId: ev.id })]);
    expect((await remove(author.cookie, responders.id)).statusCode).toBe(403);
    expect((await remove(assignee.cookie, authors.id)).statusCode).toBe(403);
    expect((await list(eventAdmin.cookie)).find((e) => e.id === authors.id)!.can.delete).toBe(true);

    const { blobCount } = await stored(report.id);
    const before = await updatedAt(report.id);
    const own = await remove(author.cookie, authors.id);
    expect(own.statusCode, own.body).toBe(204);
    expect(await updatedAt(report.id)).toBeGreaterThan(before);
    const after = await stored(report.id);
    expect(after.rows.map((r) => r.id)).not.toContain(authors.id);
    expect(after.blobCount).toBe(blobCount - 1);
    expect((await download(author.cookie, authors.id)).statusCode).toBe(404);
    expect((await remove(author.cookie, authors.id)).statusCode).toBe(404);

    const byAdmin = await remove(eventAdmin.cookie, responders.id, 'Uploaded to the wrong report');
    expect(byAdmin.statusCode, byAdmin.body).toBe(204);
    const [entry] = await audits(responders.id, 'report.evidence.delete');
    expect(entry).toMatchObject({
      actorId: eventAdmin.id,
      scopeType: 'event',
      scopeId: ev.id,
      reason: 'Uploaded to the wrong report',
      before: { contentType: 'application/pdf', size: pdf.length },
    });
  });

  it('takes and lists the anonymous reporter’s files through the follow-up link', async () => {
    const anonymous = await submitReport(ctx, ev.id, null, { anonymous: true });
    const token = anonymous.followUpToken!;
    expect(token).toBeTruthy();
    const res = await call(null, 'POST', '/api/follow-up/evidence?name=photo.png', png, {
      'x-follow-up-token': token,
      'content-type': 'image/png',
    });
    expect(res.statusCode, res.body).toBe(201);
    const file = (res.json() as { evidence: Evidence }).evidence;
    expect(file).toMatchObject({
      fileName: 'photo.png',
      contentType: 'image/png',
      uploadedBy: null,
      byReporter: true,
      downloadUrl: null,
      can: { delete: false },
    });
    const [row] = (await stored(anonymous.id)).rows;
    expect(row).toMatchObject({ uploaderId: null, byAnonymousReporter: true });
    const [entry] = await audits(file.id, 'report.evidence.upload');
    expect(entry).toMatchObject({ actorId: null, scopeId: ev.id });

    const teamFile = await uploaded(responder.cookie, anonymous.id, pdf, 'notes.pdf');
    const listed = await call(null, 'GET', '/api/follow-up/evidence', undefined, {
      'x-follow-up-token': token,
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect((listed.json() as { items: Evidence[] }).items).toEqual([
      expect.objectContaining({ id: file.id, downloadUrl: null }),
      expect.objectContaining({ id: teamFile.id, downloadUrl: null, byReporter: false }),
    ]);

    // The team sees it as the reporter's, downloads it, and an event admin may delete it.
    const asTeam = (await list(eventAdmin.cookie, anonymous.id)).find((e) => e.id === file.id)!;
    expect(asTeam).toMatchObject({ byReporter: true, uploadedBy: null, can: { delete: true } });
    expect(
      (await list(responder.cookie, anonymous.id)).find((e) => e.id === file.id)!.can.delete,
    ).toBe(false);
    expect((await download(responder.cookie, file.id)).rawPayload.equals(png)).toBe(true);

    const wrong = await call(null, 'GET', '/api/follow-up/evidence', undefined, {
      'x-follow-up-token': 'x'.repeat(43),
    });
    expect(wrong.statusCode).toBe(404);
    const wrongUpload = await call(null, 'POST', '/api/follow-up/evidence', png, {
      'x-follow-up-token': 'x'.repeat(43),
      'content-type': 'image/png',
    });
    expect(wrongUpload.statusCode).toBe(404);
    const html415 = await call(null, 'POST', '/api/follow-up/evidence?name=a.jpg', html, {
      'x-follow-up-token': token,
      'content-type': 'image/jpeg',
    });
    expect(html415.statusCode).toBe(415);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    for (const [path, method] of [
      ['/api/reports/{reportId}/evidence', 'post'],
      ['/api/reports/{reportId}/evidence', 'get'],
      ['/api/evidence/{evidenceId}/download', 'get'],
      ['/api/evidence/{evidenceId}', 'delete'],
      ['/api/follow-up/evidence', 'post'],
      ['/api/follow-up/evidence', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['evidence']);
    }
  });
});
