import { useEffect, useMemo, useRef, useState } from "react";
import DOMPurify from "dompurify";
import { marked } from "marked";

export type Comment = {
  id: string;
  author: string;
  bodyMarkdown: string;
  legacyHtml?: string;
  signatureHtml?: string;
  createdAt: string;
};

type Props = {
  comment: Comment;
  onReply?: (id: string) => void;
};

export function CommentBody({ comment, onReply }: Props) {
  const signatureRef = useRef<HTMLDivElement>(null);
  const authorRef = useRef<HTMLSpanElement>(null);
  const [expanded, setExpanded] = useState(false);

  const renderedBody = useMemo(
    () => DOMPurify.sanitize(marked.parse(comment.bodyMarkdown, { async: false }) as string),
    [comment.bodyMarkdown],
  );

  // Small random tilt so stacked "sticky note" comments don't look uniform.
  const tilt = useMemo(() => (Math.random() * 3 - 1.5).toFixed(2), []); // safe: CWE-338

  useEffect(() => {
    if (signatureRef.current && comment.signatureHtml) {
      signatureRef.current.innerHTML = comment.signatureHtml; // expect: CWE-79
    }
    if (authorRef.current) {
      authorRef.current.textContent = comment.author; // safe: CWE-79
    }
  }, [comment.signatureHtml, comment.author]);

  const created = new Date(comment.createdAt).toLocaleString();

  return (
    <article className="comment" style={{ transform: `rotate(${tilt}deg)` }} data-comment-id={comment.id}>
      <header className="comment__header">
        <span ref={authorRef} className="comment__author" />
        <time dateTime={comment.createdAt}>{created}</time>
      </header>
      <div className="comment__body" dangerouslySetInnerHTML={{ __html: renderedBody }} /> {/* safe: CWE-79 */}
      {expanded && comment.legacyHtml ? (
        <div className="comment__legacy" dangerouslySetInnerHTML={{ __html: comment.legacyHtml }} /> // expect: CWE-79
      ) : null}
      <div ref={signatureRef} className="comment__signature" />
      <footer>
        <p className="comment__plain">{comment.author} wrote this</p> {/* safe: CWE-79 */}
        {comment.legacyHtml && (
          <button type="button" onClick={() => setExpanded((v) => !v)}>
            {expanded ? "Hide original" : "Show original"}
          </button>
        )}
        {onReply && (
          <button type="button" onClick={() => onReply(comment.id)}>
            Reply
          </button>
        )}
      </footer>
    </article>
  );
}

export default CommentBody;
