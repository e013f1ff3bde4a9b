import type { DocumentRequestDto, MemberDto } from "../../api/hubsecure-api";

export type Sensitivity = DocumentRequestDto["sensitivity"];

/** The editable fields of a request, as the create and edit forms hold them. */
export interface RequestFieldValues {
  title: string;
  description: string;
  category: string;
  /** E-mail address of the assignee; empty for unassigned. */
  assignee: string;
  /** YYYY-MM-DD; empty for no due date. */
  dueDate: string;
  sensitivity: Sensitivity;
}

interface RequestFieldsProps {
  /** Prefix of the inputs' ids, so two forms on one page cannot clash. */
  idPrefix: string;
  values: RequestFieldValues;
  onChange: (values: RequestFieldValues) => void;
  members: MemberDto[];
  /** Marks optional fields in their labels, as a create form does. */
  markOptional?: boolean;
  /** An assignee who is no longer a member, kept as a choice so that saving does not clear it silently. */
  formerAssignee?: string;
}

/** Renders the inputs of a request's fields, shared by the create and edit forms. */
export function RequestFields({ idPrefix, values, onChange, members, markOptional = false, formerAssignee }: RequestFieldsProps) {
  const optional = markOptional ? " (optional)" : "";
  const set = <K extends keyof RequestFieldValues>(field: K, value: RequestFieldValues[K]) => onChange({ ...values, [field]: value });

  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-title`}>Title</label>
        <input
          id={`${idPrefix}-title`}
          required
          maxLength={300}
          value={values.title}
          onChange={(event) => set("title", event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-description`}>Description{optional}</label>
        <textarea
          id={`${idPrefix}-description`}
          rows={3}
          maxLength={4000}
          value={values.description}
          onChange={(event) => set("description", event.target.value)}
        />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${idPrefix}-category`}>Category{optional}</label>
          <input
            id={`${idPrefix}-category`}
            maxLength={100}
            value={values.category}
            onChange={(event) => set("category", event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-due-date`}>Due date{optional}</label>
          <input
            id={`${idPrefix}-due-date`}
            type="date"
            value={values.dueDate}
            onChange={(event) => set("dueDate", event.target.value)}
          />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${idPrefix}-assignee`}>Assignee</label>
          <select id={`${idPrefix}-assignee`} value={values.assignee} onChange={(event) => set("assignee", event.target.value)}>
            <option value="">Unassigned</option>
            {formerAssignee ? <option value={formerAssignee}>{formerAssignee} (no longer a member)</option> : null}
            {members.map((member) => (
              <option key={member.userId} value={member.email}>
                {member.email} ({member.role})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-sensitivity`}>Sensitivity</label>
          <select
            id={`${idPrefix}-sensitivity`}
            value={values.sensitivity}
            onChange={(event) => set("sensitivity", event.target.value as Sensitivity)}
          >
            <option value="internal">Internal</option>
            <option value="confidential">Confidential</option>
            <option value="restricted">Restricted</option>
          </select>
        </div>
      </div>
    </>
  );
}
