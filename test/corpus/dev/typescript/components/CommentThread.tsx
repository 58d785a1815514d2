import DOMPurify from "dompurify";
import { marked } from "marked";
import { useEffect, useMemo, useRef, useState } from "react";

export interface Comment {
  id: string;
  author: string;
  body: string;
  bodyHtml?: string;
  createdAt: string;
}

function CommentBody({ comment }: { comment: Comment }) {
  return <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? comment.body }} />; // expect: CWE-79
}

function MarkdownBody({ source }: { source: string }) {
  const html = marked.parse(source) as string;
  return <article className="markdown" dangerouslySetInnerHTML={{ __html: html }} />; // expect: CWE-79
}

function SafeMarkdownBody({ source }: { source: string }) {
  const clean = useMemo(() => DOMPurify.sanitize(marked.parse(source) as string), [source]);
  return <article className="markdown" dangerouslySetInnerHTML={{ __html: clean }} />; // safe: CWE-79
}

function Author({ comment }: { comment: Comment }) {
  return <span className="author" title={comment.author}>{comment.author}</span>; // safe: CWE-79
}

function LivePreview({ draft }: { draft: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.innerHTML = marked.parse(draft) as string; // expect: CWE-79
  }, [draft]);
  return <div className="preview" ref={ref} />;
}

function PlainPreview({ draft }: { draft: string }) {
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.textContent = draft; // safe: CWE-79
  }, [draft]);
  return <pre className="preview" ref={ref} />;
}

const FOOTER_HTML = "Comments are moderated. See our <a href=\"/guidelines\">guidelines</a>.";

export function CommentThread({ threadId }: { threadId: string }) {
  const [comments, setComments] = useState<Comment[]>([]);
  const [draft, setDraft] = useState("");
  const [rich, setRich] = useState(false);

  useEffect(() => {
    fetch(`/api/threads/${encodeURIComponent(threadId)}/comments`)
      .then((r) => r.json())
      .then(setComments);
  }, [threadId]);

  return (
    <section className="thread">
      {comments.map((c) => (
        <div key={c.id} className="comment">
          <Author comment={c} />
          {rich ? <CommentBody comment={c} /> : <SafeMarkdownBody source={c.body} />}
          <p className="comment-text">{c.body}</p>{/* safe: CWE-79 */}
        </div>
      ))}
      <textarea value={draft} onChange={(e) => setDraft(e.target.value)} />
      <label>
        <input type="checkbox" checked={rich} onChange={(e) => setRich(e.target.checked)} /> Rich preview
      </label>
      {rich ? <LivePreview draft={draft} /> : <PlainPreview draft={draft} />}
      <MarkdownBody source={draft} />
      <footer dangerouslySetInnerHTML={{ __html: FOOTER_HTML }} />{/* safe: CWE-79 */}
    </section>
  );
}
