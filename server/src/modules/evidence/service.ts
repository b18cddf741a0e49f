import {
  decide,
  type ActorFacts,
  type Decision,
  type ReportFacts,
  type ResourceOf,
} from '@steward/permissions';
import { recordAudit } from '../../audit/record.js';
import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import type { ServiceContext } from '../../context.js';
import type { Database, Executor } from '../../db/connection.js';
import { isUuid } from '../../db/inputs.js';
import { AppError } from '../../errors.js';
import { recordAccess } from '../reports/access-log.js';
import { followUpActorId, loadReport, noSuchReport, type LoadedReport } from '../reports/access.js';
import { evidenceType, sanitizeFileName, sha256 } from './content.js';
import * as repo from './repository.js';
import { evidenceStorage, newStorageKey, type EvidenceStorage } from './storage.js';

// The verbs of evidence files: upload, list, download, delete. Each change is one transaction
// with its audit entry; the bytes are kept through the storage interface in that transaction.

const noSuchEvidence = () => new AppError('not_found', 'No such evidence.');

// Stands for an uploader whose account was deleted: matches no actor, so only event admins may
// delete what they uploaded.
const GONE_UPLOADER = 'deleted-account';

/** The evidence as the engine sees it (SPEC §4: its uploader may delete it). */
export function evidenceResource(
  report: ReportFacts,
  row: repo.EvidenceRow,
): ResourceOf<'evidence'> {
  const uploaderId =
    row.uploaderId ?? (row.byAnonymousReporter ? followUpActorId(row.reportId) : GONE_UPLOADER);
  return { type: 'evidence', id: row.id, report, uploaderId };
}

/** How the caller reaches the evidence: signed in, or through the anonymous follow-up link. */
export type EvidenceViewer = { kind: 'member'; facts: ActorFacts } | { kind: 'follow-up' };

export type PresentedEvidence = ReturnType<typeof presentEvidence>;

/** The Evidence of the HTTP contract, with what the viewer may do with it. */
export function presentEvidence(
  loaded: LoadedReport,
  item: repo.EvidenceWithUploader,
  viewer: EvidenceViewer,
  now = new Date(),
) {
  const row = item.evidence;
  const authorId = loaded.row.report.authorId;
  const member = viewer.kind === 'member';
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    uploadedBy:
      row.uploaderId && item.uploaderName !== null
        ? { id: row.uploaderId, name: item.uploaderName }
        : null,
    byReporter: row.byAnonymousReporter || (row.uploaderId !== null && row.uploaderId === authorId),
    createdAt: row.createdAt.toISOString(),
    // The follow-up link has no download (nor deletion) route: its holder sees the list only.
    downloadUrl: member ? `/api/evidence/${row.id}/download` : null,
    can: {
      delete:
        member &&
        decide(viewer.facts, 'report.evidence.delete', evidenceResource(loaded.resource, row), now)
          .allowed,
    },
  };
}

/** A report's evidence, oldest first, for someone the engine let view the report. */
export async function listEvidence(db: Database, loaded: LoadedReport, viewer: EvidenceViewer) {
  const items = await repo.listForReport(db, loaded.row.report.id);
  const now = new Date();
  return items.map((item) => presentEvidence(loaded, item, viewer, now));
}

export interface Upload {
  /** The name the file had on the uploader's device; only sanitized, never trusted. */
  name: string | undefined;
  data: Buffer;
}

/**
 * Adds a file to a report whose upload the engine allowed: its type read from the bytes, its
 * name sanitized, its hash kept; bytes, row, the report's updated_at and the audit entry in one
 * transaction. `uploaderId` null: the anonymous reporter (follow-up link).
 */
export async function uploadEvidence(
  db: Database,
  ctx: ServiceContext,
  reach: (tx: Executor) => Promise<LoadedReport>,
  uploaderId: string | null,
  upload: Upload,
  opts: { maxBytes: number; storage?: EvidenceStorage },
) {
  const contentType = await evidenceType(upload.data, opts.maxBytes);
  const fileName = sanitizeFileName(upload.name, contentType);
  const hash = sha256(upload.data);
  const storage = opts.storage ?? evidenceStorage;
  return db.transaction(async (tx) => {
    // Decided again inside the transaction, on what is read under the report's lock: a role
    // removed since the route's first check counts.
    const loaded = await reach(tx);
    const reportId = loaded.row.report.id;
    if (!(await repo.touchReport(tx, reportId))) throw noSuchReport();
    const key = newStorageKey();
    // Bytes first, the row after: a store outside the database can leave orphaned bytes on a
    // failure, never a row without its file (storage.ts).
    await storage(tx).put(key, upload.data);
    const row = await repo.insertEvidence(tx, {
      reportId,
      uploaderId,
      byAnonymousReporter: uploaderId === null,
      fileName,
      contentType,
      size: upload.data.length,
      sha256: hash,
      storageKey: key,
    });
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id: loaded.row.event.id },
      action: 'report.evidence.upload',
      target: { type: 'evidence', id: row.id },
      // The file's name is not copied: it may say what happened (retention must be able to
      // erase incident data, and the audit log keeps no report text).
      after: {
        contentType,
        size: row.size,
        reportId,
        ...(uploaderId === null ? { byAnonymousReporter: true } : {}),
      },
    });
    return { row, loaded, uploaderName: await repo.uploaderName(tx, uploaderId) };
  });
}

/**
 * A piece of evidence and its report, once the engine lets the caller view the report: who may
 * not gets the 404 of evidence that does not exist (SPEC §1, §9).
 */
async function visibleEvidence(
  tx: Executor,
  actor: RequestActor,
  evidenceId: string,
  opts: { lock?: boolean } = {},
): Promise<{ row: repo.EvidenceRow; loaded: LoadedReport; view: Decision }> {
  if (!isUuid(evidenceId)) throw noSuchEvidence();
  const row = await repo.findEvidence(tx, evidenceId, opts);
  if (!row) throw noSuchEvidence();
  const loaded = await loadReport(tx, row.reportId, opts);
  if (!loaded) throw noSuchEvidence();
  const view = authorizeActor(actor, 'report.view', loaded.resource, { what: 'evidence' });
  return { row, loaded, view };
}

/**
 * The bytes of a piece of evidence, for exactly those who may view its report; the view is
 * written to the report's access log before anything is sent.
 */
export async function downloadEvidence(
  db: Database,
  ctx: ServiceContext,
  actor: RequestActor,
  evidenceId: string,
  storage: EvidenceStorage = evidenceStorage,
) {
  return db.transaction(async (tx) => {
    const { row, view } = await visibleEvidence(tx, actor, evidenceId);
    const data = await storage(tx).get(row.storageKey);
    if (!data) throw new Error(`evidence ${row.id}: no bytes under its storage key`);
    await recordAccess(tx, [
      {
        reportId: row.reportId,
        userId: actor.user.id,
        what: 'evidence',
        targetId: row.id,
        decision: view,
        origin: ctx.origin,
      },
    ]);
    return { row, data };
  });
}

/**
 * Deletes a piece of evidence (event admins, or its uploader while they still see the report):
 * bytes and row together, audited with the reason.
 */
export async function deleteEvidence(
  db: Database,
  ctx: ServiceContext,
  actor: RequestActor,
  evidenceId: string,
  reason: string | null,
  storage: EvidenceStorage = evidenceStorage,
) {
  await db.transaction(async (tx) => {
    const { row, loaded } = await visibleEvidence(tx, actor, evidenceId, { lock: true });
    authorizeActor(actor, 'report.evidence.delete', evidenceResource(loaded.resource, row), {
      visible: true,
    });
    if (!(await repo.touchReport(tx, row.reportId))) throw noSuchEvidence();
    await storage(tx).delete(row.storageKey);
    await repo.deleteEvidenceRow(tx, row.id);
    await recordAudit(tx, ctx, {
      scope: { type: 'event', id: loaded.row.event.id },
      action: 'report.evidence.delete',
      target: { type: 'evidence', id: row.id },
      before: {
        contentType: row.contentType,
        size: row.size,
        reportId: row.reportId,
      },
      reason,
    });
  });
}
