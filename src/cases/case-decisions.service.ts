import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Variables } from '../engine/engine.port';
import { MessageOutbox } from '../engine/message-outbox';
import { CaseAccess } from './case-access';
import { caseInstances } from './case-instances';
import {
  EngineReadModel,
  CaseInstance,
  OpenSubscription,
} from '../engine/read-model/engine-read-model';
import { checkDecisionFields } from './decisions/check-decision-fields.util';
import {
  DECISION_KINDS,
  DECISION_MESSAGE_NAMES,
  DecisionKind,
  decisionKind,
  decisionKindOfMessage,
} from './decisions/decision-catalog';
import { decisionDetails } from './decisions/decision-details.util';
import { AvailableDecisionDto, DecisionDto, RecordDecisionDto } from './dto/decision.dto';
import { PathNames } from './path-names';

/**
 * How long a decision's message waits in the engine for its step, once published: the step
 * was open when it was recorded, so it normally correlates at once; an hour covers an
 * instance the engine is still moving towards it. Published later, it never opens a new wait.
 */
export const DECISION_MESSAGE_TTL_MS = 60 * 60 * 1000;

const HOLDERS_ONLY = 'Registrano le decisioni il case manager e il coordinatore dell’unità.';
const NOT_AWAITED =
  'Il percorso non attende più questa decisione, o è già stata registrata: aggiornare la cartella e riprovare.';

const ONCE_PER_INSTANCE = DECISION_KINDS.filter((k) => k.oncePerInstance).map((k) => k.kind);

/** A recorded decision as read from the database, before the names of its path and step. */
interface DecisionRow {
  id: string;
  kind: string;
  processInstanceKey: string;
  elementId: string;
  fields: Record<string, string>;
  documentId: string | null;
  note: string | null;
  recordedAt: Date;
  recordedBy: string;
  definitionKey: string;
  pathName: string;
  subscriptionState: 'OPEN' | 'CORRELATED' | 'CLOSED' | null;
}

/** A wait of the case's paths on a decision of the catalog, with the instance that waits. */
interface Wait extends OpenSubscription {
  kind: DecisionKind;
  instance: CaseInstance;
}

/**
 * Outside decisions (court decrees, the Prefettura's eviction date) recorded from the case
 * file: what the case's paths wait for now, recording one — with, in the same transaction,
 * the message owed to the engine — and the ones recorded.
 */
@Injectable()
export class CaseDecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly engineReads: EngineReadModel,
    private readonly names: PathNames,
    private readonly outbox: MessageOutbox,
  ) {}

  async available(actor: Actor, caseId: string): Promise<AvailableDecisionDto[]> {
    const waits = await this.dataSource.transaction(async (manager) => {
      const found = await this.access.require(manager, actor, caseId);
      const open = await this.waits(manager, caseId);
      await this.audit.record(
        actor,
        { action: 'read', entity: 'case', entityId: caseId, caseId, personIds: [found.personId] },
        manager,
      );
      return open;
    });
    const names = await this.names.ofAll(waits.map((w) => w.instance.definitionKey));
    return waits.map((wait) => ({
      kind: wait.kind.kind,
      label: wait.kind.label,
      authority: wait.kind.authority,
      processInstanceKey: wait.processInstanceKey,
      pathName: wait.instance.name,
      stepName: names.get(wait.instance.definitionKey)!(wait.elementId),
      fields: wait.kind.fields.map((field) => ({
        key: field.key,
        label: field.label,
        type: field.type,
        required: field.required,
        ...(field.options && { options: field.options.map((o) => ({ ...o })) }),
        ...(field.requiredWhen && { requiredWhen: { ...field.requiredWhen } }),
      })),
    }));
  }

  async record(actor: Actor, caseId: string, dto: RecordDecisionDto): Promise<DecisionDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const found = await this.access.requireCaseHolder(manager, actor, caseId, HOLDERS_ONLY);
      const kind = decisionKind(dto.kind)!;
      const { values, problems } = checkDecisionFields(kind, dto.fields);
      if (problems.length > 0) {
        throw new BadRequestException({
          message: 'La decisione non è completa o contiene valori non validi.',
          details: problems,
        });
      }
      // One decision at a time per case: the second of two at once sees the first as pending.
      await manager.query(`SELECT 1 FROM social_case WHERE id = $1 FOR UPDATE`, [caseId]);
      const wait = (await this.waits(manager, caseId)).find(
        (w) => w.processInstanceKey === dto.processInstanceKey && w.kind === kind,
      );
      if (!wait) throw new ConflictException(NOT_AWAITED);
      if (dto.documentId) {
        const [document] = await manager.query(
          `SELECT 1 FROM case_document WHERE id = $1 AND case_id = $2`,
          [dto.documentId, caseId],
        );
        if (!document) {
          throw new BadRequestException({
            message: 'Il documento indicato non è tra quelli della cartella.',
            details: [{ field: 'documentId', messages: ['documento non trovato nella cartella'] }],
          });
        }
      }
      const [row] = await manager.query(
        `INSERT INTO case_decision (case_id, kind, process_instance_key, subscription_key, element_id,
                                    message_name, correlation_key, fields, document_id, note, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          caseId,
          kind.kind,
          wait.processInstanceKey,
          wait.key,
          wait.elementId,
          wait.messageName,
          wait.correlationKey,
          JSON.stringify(values),
          dto.documentId ?? null,
          dto.note ?? null,
          actor.accountId,
        ],
      );
      // Owed with the record: a crash after the commit delays the message, never loses it,
      // and its id keeps a second publication from counting twice.
      await this.outbox.enqueue(manager, {
        name: kind.messageName,
        correlationKey: wait.correlationKey,
        variables: messageVariables(kind, values),
        timeToLiveMs: DECISION_MESSAGE_TTL_MS,
        messageId: `case-decision-${row.id}`,
      });
      await this.audit.record(
        actor,
        {
          action: 'create',
          entity: 'decision',
          entityId: row.id,
          caseId,
          personIds: [found.personId],
        },
        manager,
      );
      return row.id as string;
    });
    await this.outbox.flush();
    const [recorded] = await this.describe(await this.rows(this.dataSource.manager, caseId, id));
    return recorded;
  }

  async list(actor: Actor, caseId: string): Promise<DecisionDto[]> {
    const rows = await this.dataSource.transaction(async (manager) => {
      const found = await this.access.require(manager, actor, caseId);
      await this.audit.record(
        actor,
        { action: 'read', entity: 'case', entityId: caseId, caseId, personIds: [found.personId] },
        manager,
      );
      return this.rows(manager, caseId);
    });
    return this.describe(rows);
  }

  /** The case's recorded decisions, oldest first (one of them with `id`). */
  async rows(manager: EntityManager, caseId: string, id?: string): Promise<DecisionRow[]> {
    const recorded: Array<
      Omit<DecisionRow, 'definitionKey' | 'pathName' | 'subscriptionState'> & {
        subscriptionKey: string | null;
      }
    > = await manager.query(
      `SELECT d.id, d.kind, d.process_instance_key::text AS "processInstanceKey", d.element_id AS "elementId",
              d.fields, d.document_id AS "documentId", d.note, d.recorded_at AS "recordedAt",
              a.display_name AS "recordedBy", d.subscription_key::text AS "subscriptionKey"
         FROM case_decision d JOIN account a ON a.id = d.recorded_by
        WHERE d.case_id = $1 AND ($2::uuid IS NULL OR d.id = $2)
        ORDER BY d.recorded_at, d.id`,
      [caseId, id ?? null],
    );
    const processes = await this.engineReads.processesOf(
      manager,
      recorded.map((r) => r.processInstanceKey),
    );
    const subscriptions = await this.engineReads.subscriptionStates(
      manager,
      recorded.flatMap((r) => (r.subscriptionKey ? [r.subscriptionKey] : [])),
    );
    return recorded.flatMap(({ subscriptionKey, ...row }) => {
      const process = processes.get(row.processInstanceKey);
      if (!process) return [];
      return [
        {
          ...row,
          definitionKey: process.definitionKey,
          pathName: process.processName,
          subscriptionState: subscriptionKey ? (subscriptions.get(subscriptionKey) ?? null) : null,
        },
      ];
    });
  }

  /** With the names of path and step (read outside any transaction). */
  async describe(rows: readonly DecisionRow[]): Promise<DecisionDto[]> {
    const names = await this.names.ofAll(rows.map((r) => r.definitionKey));
    return rows.map((row) => {
      const kind = decisionKind(row.kind)!;
      return {
        id: row.id,
        kind: row.kind,
        label: kind.label,
        authority: kind.authority,
        processInstanceKey: row.processInstanceKey,
        pathName: row.pathName,
        stepName: names.get(row.definitionKey)!(row.elementId),
        details: decisionDetails(kind, row.fields),
        documentId: row.documentId,
        note: row.note,
        recordedBy: row.recordedBy,
        recordedAt: row.recordedAt,
        status:
          row.subscriptionState === 'OPEN'
            ? 'pending'
            : row.subscriptionState === 'CORRELATED'
              ? 'delivered'
              : 'not-delivered',
      };
    });
  }

  /**
   * What the case's running instances wait for now, one wait per instance and kind, leaving
   * out an instance whose decision is recorded and still on its way to it, and a kind decided
   * once that the instance has recorded. An instance's waits come in the catalog's order.
   */
  private async waits(manager: EntityManager, caseId: string): Promise<Wait[]> {
    const instances = (await caseInstances(this.engineReads, manager, caseId)).filter(
      (i) => i.state === 'ACTIVE',
    );
    const subscriptions = await this.engineReads.openSubscriptions(
      manager,
      instances.map((i) => i.key),
      DECISION_MESSAGE_NAMES,
    );
    // Decided waits among those just read, not "decisions whose subscription is still open": the
    // message may correlate between the two statements, and the instance would look free.
    const pending: Array<{ key: string }> = await manager.query(
      `SELECT DISTINCT d.process_instance_key::text AS key FROM case_decision d
        WHERE d.case_id = $1 AND d.subscription_key = ANY($2::bigint[])`,
      [caseId, subscriptions.map((s) => s.key)],
    );
    const busy = new Set(pending.map((p) => p.key));
    // A non-interrupting boundary subscribes again once its message arrived.
    const decidedOnce: Array<{ key: string; kind: string }> = await manager.query(
      `SELECT DISTINCT d.process_instance_key::text AS key, d.kind FROM case_decision d
        WHERE d.case_id = $1 AND d.kind = ANY($2::text[])`,
      [caseId, ONCE_PER_INSTANCE],
    );
    const seen = new Set(decidedOnce.map((d) => `${d.key} ${d.kind}`));
    const waits: Wait[] = [];
    for (const subscription of subscriptions) {
      const kind = decisionKindOfMessage(subscription.messageName)!;
      const id = `${subscription.processInstanceKey} ${kind.kind}`;
      if (busy.has(subscription.processInstanceKey) || seen.has(id)) continue;
      seen.add(id);
      waits.push({
        ...subscription,
        kind,
        instance: instances.find((i) => i.key === subscription.processInstanceKey)!,
      });
    }
    // Stable: instances stay in the order of their first wait.
    const first = new Map<string, number>();
    waits.forEach((w, i) => first.set(w.processInstanceKey, first.get(w.processInstanceKey) ?? i));
    return waits.sort(
      (a, b) =>
        first.get(a.processInstanceKey)! - first.get(b.processInstanceKey)! ||
        DECISION_KINDS.indexOf(a.kind) - DECISION_KINDS.indexOf(b.kind),
    );
  }
}

function messageVariables(kind: DecisionKind, values: Record<string, string>): Variables {
  return Object.fromEntries(
    kind.fields.filter((f) => values[f.key] !== undefined).map((f) => [f.variable, values[f.key]]),
  );
}
