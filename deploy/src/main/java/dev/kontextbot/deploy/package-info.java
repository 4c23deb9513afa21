package dev.kontextbot.deploy;
