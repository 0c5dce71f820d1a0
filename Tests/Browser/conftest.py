"""Fixtures of the browser tests: the server started by scripts/browser-test.sh, headless
Chromium driven by Debian's chromedriver, sign-in and screenshots."""

import json
import os
import pathlib
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
PASSWORD = os.environ.get("RCMS_BROWSER_PASSWORD", "")


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("RCMS_BROWSER_URL")
    if not url:
        # Run through scripts/browser-test.sh, which starts the server; never skip silently.
        pytest.fail("RCMS_BROWSER_URL is not set: run scripts/browser-test.sh")
    return url.rstrip("/")


@pytest.fixture
def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("RCMS_CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--lang=en", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    service = Service(executable_path=os.environ.get("RCMS_CHROMEDRIVER", "/usr/bin/chromedriver"))
    browser = webdriver.Chrome(service=service, options=options)
    browser.set_page_load_timeout(30)
    yield browser
    browser.quit()


def wait(driver, seconds=15):
    return WebDriverWait(driver, seconds)


def shot(driver, name, width=1280):
    """Saves a screenshot of the whole page as artifacts/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return Math.max(document.body.scrollHeight, 600)")
    driver.set_window_size(width, min(int(height) + 140, 6000))
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
    driver.set_window_size(1280, 900)


def sign_in(driver, base_url, tenant, login, language="en", password=None):
    """Signs in through the form and waits for the landing page's header."""
    driver.get(f"{base_url}/ui/index.html")
    driver.execute_script("sessionStorage.clear(); localStorage.clear();")
    driver.get(f"{base_url}/ui/index.html")
    select = wait(driver).until(EC.element_to_be_clickable((By.ID, "signin-language")))
    select.find_element(By.CSS_SELECTOR, f"option[value='{language}']").click()
    driver.find_element(By.ID, "signin-tenant").clear()
    driver.find_element(By.ID, "signin-tenant").send_keys(tenant)
    driver.find_element(By.ID, "signin-login").send_keys(login)
    driver.find_element(By.ID, "signin-password").send_keys(password or PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "#signin button[type=submit]").click()
    wait(driver).until(EC.presence_of_element_located((By.ID, "language-switch")))


def api(base_url, method, path, token=None, body=None):
    """Calls the JSON API directly, to set up what a test needs."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{base_url}{path}", data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
    return json.loads(text) if text else None


def token(base_url, tenant, login):
    return api(base_url, "POST", f"/api/v1/tenants/{tenant}/sessions", body={"login": login, "password": PASSWORD})[
        "token"]
