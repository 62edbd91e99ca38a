import { EntityManager } from 'typeorm';
import { TimelineItemDto } from './dto/diary.dto';
import { DiaryKind } from './entities/diary-entry.entity';

const DIARY_TITLES: Record<DiaryKind, string> = {
  note: 'Nota',
  meeting: 'Colloquio',
  'home-visit': 'Visita domiciliare',
  'phone-call': 'Telefonata',
  correction: 'Correzione',
};

/** The case's diary entries as timeline items (one of them with `entryId`). */
export async function diaryItems(
  manager: EntityManager,
  caseId: string,
  entryId?: string,
): Promise<TimelineItemDto[]> {
  const rows: Array<{
    id: string;
    kind: DiaryKind;
    at: Date;
    text: string;
    correctsEntryId: string | null;
    correctedByEntryId: string | null;
    author: string;
  }> = await manager.query(
    `SELECT d.id, d.kind, d.occurred_at AS at, d.text, d.corrects_id AS "correctsEntryId",
            c.id AS "correctedByEntryId", a.display_name AS author
       FROM diary_entry d JOIN account a ON a.id = d.author_id
       LEFT JOIN LATERAL (
         SELECT c.id FROM diary_entry c WHERE c.case_id = d.case_id AND c.corrects_id = d.id
          ORDER BY c.created_at LIMIT 1) c ON true
      WHERE d.case_id = $1 AND ($2::uuid IS NULL OR d.id = $2)
      ORDER BY d.occurred_at, d.created_at`,
    [caseId, entryId ?? null],
  );
  return rows.map((d) => ({
    type: 'diary' as const,
    id: d.id,
    at: d.at,
    title: d.correctedByEntryId ? `${DIARY_TITLES[d.kind]} (corretta)` : DIARY_TITLES[d.kind],
    text: d.text,
    correctsEntryId: d.correctsEntryId,
    correctedByEntryId: d.correctedByEntryId,
    author: d.author,
  }));
}
