import { useState, type FormEvent } from 'react';
import { projectPath, type ServerProject } from '../../shared/domain/team-server';
import { roleName } from '../account/role-names';
import { connectToServer, signInToProject } from '../api/team-server';
import '../account/account.css';
import './start.css';

/**
 * "Connect to a server": a team server's start page. A name and password list the projects
 * the person belongs to (with their role in each); opening one signs this window in to it with
 * the same name and password and goes to its page. Failures are said in the form.
 */
export function ConnectScreen() {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [projects, setProjects] = useState<ServerProject[] | null>(null);

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setProblem(null);
    try {
      setProblem(await action());
    } finally {
      setBusy(false);
    }
  };

  const connect = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const connected = await connectToServer(name.trim(), password);
      if (!connected.ok) return connected.message;
      setProjects(connected.projects);
      return null;
    });
  };

  const open = (project: ServerProject) =>
    void run(async () => {
      const failed = await signInToProject(project.slug, name.trim(), password);
      if (failed && !failed.ok) return failed.message;
      window.location.assign(projectPath(project.slug));
      return null;
    });

  return (
    <main className="sign-in">
      {projects === null ? (
        <form className="card sign-in-card" onSubmit={connect} aria-labelledby="connect-title">
          <h1 id="connect-title">Connect to {window.location.host}</h1>
          <p>Sign in with the account the server's administrator made for you to see your projects.</p>
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" autoFocus />
          </label>
          <label>
            Password
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
          </label>
          {problem && (
            <p className="error-text" role="alert" data-testid="connect-error">
              {problem}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy || !name.trim() || !password}>
            Connect
          </button>
        </form>
      ) : (
        <section className="card sign-in-card" aria-labelledby="projects-title">
          <h1 id="projects-title">Your projects on {window.location.host}</h1>
          {projects.length === 0 ? (
            <p>You are not a member of any project yet: ask the server's administrator to add you.</p>
          ) : (
            <ul className="server-projects" aria-label="Your projects">
              {projects.map((project) => (
                <li key={project.slug} data-project={project.slug}>
                  <button type="button" disabled={busy} onClick={() => open(project)}>
                    {project.name}
                  </button>
                  <span className="server-project-role">{roleName(project.role)}</span>
                </li>
              ))}
            </ul>
          )}
          {problem && (
            <p className="error-text" role="alert" data-testid="connect-error">
              {problem}
            </p>
          )}
          <button type="button" className="link" disabled={busy} onClick={() => setProjects(null)}>
            Sign in as someone else
          </button>
        </section>
      )}
    </main>
  );
}
