// The shipped conversation set (test/eval/conversations.jsonl) replayed offline through the playground's engine path
// against the sample knowledge: a floor on the pass rate (not a timing), every small-talk turn, no Markdown.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { conversationTable, evaluateConversations } from '../../src/eval/conversation-eval.js';
import { parseConversations } from '../../src/eval/conversation-set.js';

const SET = fileURLToPath(new URL('./conversations.jsonl', import.meta.url));
const BLIND = fileURLToPath(new URL('./conversations-blind.jsonl', import.meta.url));
const KNOWLEDGE = fileURLToPath(new URL('../../knowledge/', import.meta.url));

describe('the shipped conversation set, offline', () => {
  it('passes at least 95% of its turns, every small-talk turn, with no Markdown in any reply', async () => {
    const set = parseConversations(await readFile(SET, 'utf8'), SET);
    expect(set.length).toBeGreaterThanOrEqual(60);
    const report = await evaluateConversations(set, { knowledgeDir: KNOWLEDGE });
    expect(report.turns).toBeGreaterThanOrEqual(150);
    const table = conversationTable(report);
    expect(report.passed / report.turns, table).toBeGreaterThanOrEqual(0.95);
    expect(report.byKind.smalltalk.passed, table).toBe(report.byKind.smalltalk.total);
    expect(report.byKind.handoff.passed, table).toBe(report.byKind.handoff.total);
    expect(report.markdownReplies, table).toBe(0);
  }, 120_000);

  it('passes at least 95% of the blind set (written apart from the code; README "Knowledge figures"), every small-talk turn', async () => {
    const set = parseConversations(await readFile(BLIND, 'utf8'), BLIND);
    const report = await evaluateConversations(set, { knowledgeDir: KNOWLEDGE });
    const table = conversationTable(report);
    expect(report.passed / report.turns, table).toBeGreaterThanOrEqual(0.95);
    expect(report.byKind.smalltalk.passed, table).toBe(report.byKind.smalltalk.total);
    expect(report.markdownReplies, table).toBe(0);
  }, 120_000);
});
