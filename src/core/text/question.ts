import { normalizeForMatching } from './normalize';

const HAN_QUESTION = /[?？]|吗|么|嘛|呢$|多少|多久|多长|几[点天个号时钱度瓶箱岁]|什么|怎么|怎样|如何|为什么|为啥|哪|谁|是否|能否|可否|可不可以|能不能|有没有|是不是|会不会|要不要|行不行|好不好|退不退|包不包|贵不贵|[^不没别]不(?=[\s,，。!！?？]|$)|了没有?[?？]?$/;
const EN_QUESTION = /\?|^(?:what|when|where|which|who|whom|whose|why|how|is|are|am|was|were|do|does|did|can|could|will|would|should|shall|may|have|has|any)\b|\b(?:is (?:that|it|this) possible|can you|could you|do you|is there|are there)\b/;

/** Whether a message asks something (a question for the knowledge base) rather than tells. */
// Polite requests are asked as questions but tell what the customer wants: "can I get 4 bottles…".
const EN_REQUEST = /^(?:can|could|may) (?:i|we) (?:get|have|order|buy)\b|^(?:can|could) you (?:send|deliver) (?:me|us)\b/;

export function isQuestion(text: string): boolean {
  const n = normalizeForMatching(text);
  if (!n || EN_REQUEST.test(n)) return false;
  return /\p{Script=Han}/u.test(n) ? HAN_QUESTION.test(n) : EN_QUESTION.test(n);
}
