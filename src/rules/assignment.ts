// Choosing whom to hand a conversation to. Pure: the executor fetches agents and counts, this decides.
import type { AgentInfo } from '../chatwoot/port.js';

/**
 * The online agent with the fewest open conversations; ties go to the lower id so the choice is stable.
 * `members` narrows the choice to a team. Returns null when nobody is online.
 */
export function leastBusyAgent(agents: AgentInfo[], openCounts: Map<number, number>, members?: Set<number>): AgentInfo | null {
  let best: AgentInfo | null = null;
  let bestLoad = Infinity;
  for (const agent of agents) {
    if (agent.availability !== 'online') continue;
    if (members && !members.has(agent.id)) continue;
    const load = openCounts.get(agent.id) ?? 0;
    if (load < bestLoad || (load === bestLoad && best !== null && agent.id < best.id)) {
      best = agent;
      bestLoad = load;
    }
  }
  return best;
}

/**
 * Round robin: the online agent with the next id after the last one picked, wrapping around; `members` narrows the
 * choice to a team. Returns null when nobody is online.
 */
export function nextInRotation(agents: AgentInfo[], lastId: number | undefined, members?: Set<number>): AgentInfo | null {
  const online = agents.filter((a) => a.availability === 'online' && (!members || members.has(a.id))).sort((a, b) => a.id - b.id);
  if (!online.length) return null;
  return online.find((a) => lastId === undefined || a.id > lastId) ?? online[0]!;
}
