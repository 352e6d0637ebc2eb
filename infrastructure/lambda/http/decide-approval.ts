import { decideApprovalHttp } from '#adapters/lambda/http/decide-approval.http.ts';
import { TOKENS } from '../../container/tokens.ts';
import { httpEntry } from './http-entry.ts';

export const handler = httpEntry('decide-approval', (c) => decideApprovalHttp(c.get(TOKENS.recordApprovalDecision)));
